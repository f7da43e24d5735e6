/**
 * Loads the fleet definition from a TypeScript (or JavaScript) file. Every
 * way this can go wrong ends in one line that says what to do.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEFAULT_CONFIG = 'fleet.config.ts';

export class ConfigLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigLoadError';
  }
}

/** Returns the definition the file exports (default export, `module.exports`, or an export named `fleet`). */
export function loadConfig(file: string): unknown {
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new ConfigLoadError(`config file ${file} does not exist; pass --config FILE or create ${DEFAULT_CONFIG}`);
  }
  if (!stat.isFile()) throw new ConfigLoadError(`config ${file} is not a file; pass --config with a .ts or .js file`);
  let exported: Record<string, unknown>;
  try {
    if (TYPESCRIPT.test(absolute)) registerTypeScript();
    exported = require(absolute);
  } catch (e) {
    const reason = e instanceof Error ? firstLine(e.message) : String(e);
    throw new ConfigLoadError(`config file ${file} failed to load: ${reason}`);
  }
  // An ES module (or TypeScript) config exports `default` or `fleet`; a CommonJS one may assign module.exports.
  const candidate =
    exported?.default !== undefined ? exported.default : exported?.fleet !== undefined ? exported.fleet : exported?.__esModule ? undefined : exported;
  if (candidate === undefined || candidate === null || typeof candidate !== 'object' || isEmptyModule(candidate)) {
    throw new ConfigLoadError(`config file ${file} exports no fleet definition; add \`export default defineFleet({ ... })\``);
  }
  return candidate;
}

/** Files only the TypeScript loader can read. */
const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * Registers tsx's CommonJS loader (once; later calls are no-ops), just
 * before the first TypeScript definition loads: the CLI's own modules and
 * dependencies are loaded by then, and do not pass through it.
 */
function registerTypeScript(): void {
  require('tsx/cjs');
}

function isEmptyModule(value: object): boolean {
  return Object.keys(value).length === 0;
}

/** The first line of a message; a heading that ends in ':' (a TypeScript syntax error: "Transform failed with 1 error:") with the line after it. */
function firstLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return message;
  return lines[0]!.endsWith(':') && lines.length > 1 ? `${lines[0]} ${lines[1]}` : lines[0]!;
}
