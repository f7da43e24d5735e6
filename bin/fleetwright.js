#!/usr/bin/env node
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { aliasEntryPoints, loadBundle } = require('./cli-bundle');
const { version } = require('../package.json');

// The CLI runs from its bundle when one is (or can be made) current, else from source.
const root = fs.realpathSync(path.join(__dirname, '..'));
const bundled = loadBundle(root);
if (bundled) aliasEntryPoints(root, bundled.entryPoints);
// From source, the CLI needs the TypeScript loader (CommonJS, as `cdk8s synth` and Pulumi load
// TypeScript); bundled, the loader is registered only for the user's fleet.config.ts (see
// cli/load-config.ts), so the CLI's dependencies load without it (or the source maps it turns on).
if (!bundled) require('tsx/cjs');
const { main, consoleOutput } = bundled ?? require('../cli/entry.ts');

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
