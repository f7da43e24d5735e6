/**
 * What `bin/fleetwright.js` takes from the CLI, bundled or from source: the
 * command line, and the package's entry points. A fleet definition imports
 * those (`fleetwright`, or `./model` in this repository), and gets the very
 * modules the CLI runs rather than a second copy loaded from source.
 */
export { main } from './main';
export { consoleOutput } from './output';

/** Entry points by path relative to the package root; each loads when first imported. */
export const entryPoints: Readonly<Record<string, () => unknown>> = {
  'index.ts': () => require('../index'),
  'model/index.ts': () => require('../model'),
};
