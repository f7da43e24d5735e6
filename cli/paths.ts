/**
 * Where the package is, whether the CLI runs from source or from its bundle
 * (`bin/cli-bundle.js` writes it to `node_modules/.cache/fleetwright/`, so
 * there `__dirname` is that folder, not this one's).
 */
import * as path from 'node:path';

/** The folder `bin/cli-bundle.js` keeps the bundle in, relative to the package root. */
const BUNDLE_FOLDER = path.join('node_modules', '.cache', 'fleetwright');

/** The package's root folder: the one holding `package.json` and `bin/`. */
export function packageRoot(here: string = __dirname): string {
  return here.endsWith(`${path.sep}${BUNDLE_FOLDER}`) ? path.resolve(here, '..', '..', '..') : path.resolve(here, '..');
}

/** The `fleetwright` command's script, for running it in a child process. */
export function fleetwrightBin(): string {
  return path.join(packageRoot(), 'bin', 'fleetwright.js');
}
