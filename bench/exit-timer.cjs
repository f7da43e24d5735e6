'use strict';
// Preloaded (`node --require`) into the `fleetwright synth` process the benchmark
// times end to end: on exit, writes the milliseconds from Node's bootstrap
// completing to the main thread exiting into the file FLEETWRIGHT_EXIT_TIMER names.
const { isMainThread } = require('node:worker_threads');
const file = process.env.FLEETWRIGHT_EXIT_TIMER;
if (isMainThread && file) {
  process.on('exit', () => {
    const { performance } = require('node:perf_hooks');
    require('node:fs').writeFileSync(file, String(performance.now() - performance.nodeTiming.bootstrapComplete));
  });
}
