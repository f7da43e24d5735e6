#!/usr/bin/env node
'use strict';
// Registers the TypeScript loader, so the CLI and the user's fleet.config.ts
// run from source (CommonJS), exactly as `cdk8s synth` and Pulumi load them.
require('tsx/cjs');
const { main } = require('../cli/main.ts');
const { consoleOutput } = require('../cli/output.ts');
const { version } = require('../package.json');

// A reader that stops early (`fleetwright synth | head`) is not an error: the
// work is done (synth wrote before printing); stop printing quietly.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = main(process.argv.slice(2), consoleOutput, version);
} catch (error) {
  process.stderr.write(`fleetwright: internal error: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
}
