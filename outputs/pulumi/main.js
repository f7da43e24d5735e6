'use strict';
// The entry point of the Pulumi program (Pulumi.yaml: `main`). Pulumi's
// Node.js runtime requires it as CommonJS (package.json has no "type":
// "module") and calls the function it exports; its result becomes the stack's
// outputs. Pulumi.yaml sets `typescript: false`, so the runtime registers no
// ts-node (without one in the project it would use its vendored ts-node 7 and
// TypeScript 3.8, which cannot compile this code); instead this file registers
// tsx's CommonJS loader, exactly as bin/fleetwright.js does for the CLI, and
// loads the TypeScript program from source.
require('tsx/cjs');
module.exports = require('./index.ts');
