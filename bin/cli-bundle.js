'use strict';
/**
 * The CLI as one bundled file: its TypeScript sources compiled by esbuild
 * into `node_modules/.cache/fleetwright/cli-<hash>.cjs` (dependencies stay
 * in node_modules), so `fleetwright synth` loads one file instead of some
 * 300 modules through the TypeScript loader (about 0.15 s instead of 0.5 s).
 *
 * The bundle is built on first use and rebuilt when a source file it holds
 * changes: `cli.json` records each source's size and modification time, and
 * every start compares them (a few hundred stat calls, about 2 ms). Where no
 * bundle can be built or kept (esbuild missing, a read-only node_modules, a
 * source that does not compile), the caller runs the CLI from source, as
 * it does with FLEETWRIGHT_FROM_SOURCE=1 (stack traces then point into the
 * .ts files). Processes starting together may each build; each writes its
 * own file and replaces the manifest in one rename, so a reader always sees
 * a manifest and the bundle it names.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ENTRY = 'cli/entry.ts';
/** Changes whenever the build options below change, so older bundles are rebuilt. */
const FORMAT = 1;
const CACHE = path.join('node_modules', '.cache', 'fleetwright');
const MANIFEST = 'cli.json';
/** Bundles no manifest names any more are removed once this old: a process may still be about to load one. */
const PRUNE_AFTER_MS = 60_000;

/** The bundled CLI's exports (`cli/entry.ts`), or undefined when the CLI must run from source. */
function loadBundle(root) {
  if (process.env.FLEETWRIGHT_FROM_SOURCE) return undefined;
  const dir = path.join(root, CACHE);
  let manifest = readManifest(dir);
  if (manifest === undefined || !isCurrent(root, manifest)) manifest = build(root, dir);
  if (manifest === undefined) return undefined;
  const bundle = path.join(dir, manifest.bundle);
  try {
    return require(bundle);
  } catch (error) {
    // Another process's newer build pruned this one since it was checked: run from source this time.
    if (!fs.existsSync(bundle)) return undefined;
    throw error;
  }
}

function esbuildVersion() {
  try {
    return require('esbuild/package.json').version;
  } catch {
    return undefined;
  }
}

function readManifest(dir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
    const usable = manifest && manifest.format === FORMAT && typeof manifest.bundle === 'string' && typeof manifest.sources === 'object' && manifest.sources !== null;
    return usable ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** A source's stamp: its size and modification time, or null when it is gone. */
function stamp(file) {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

function isCurrent(root, manifest) {
  if (manifest.esbuild !== esbuildVersion() || !fs.existsSync(path.join(root, CACHE, manifest.bundle))) return false;
  for (const [file, recorded] of Object.entries(manifest.sources)) {
    if (stamp(path.join(root, file)) !== recorded) return false;
  }
  return true;
}

/** Builds and records the bundle; undefined when it cannot be built or kept. */
function build(root, dir) {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    return undefined;
  }
  const started = Date.now();
  let result;
  try {
    result = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      outfile: path.join(dir, 'cli.cjs'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch {
    return undefined;
  }
  const code = result.outputFiles[0].text;
  // tsconfig.json and package.json shape the build without being bundled.
  const sources = ['package.json', 'tsconfig.json', ...Object.keys(result.metafile.inputs)].sort();
  const stamps = {};
  for (const file of sources) {
    const s = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    // A source changed while the build read it: this run uses the sources themselves.
    if (s === undefined || s.mtimeMs >= started) return undefined;
    stamps[file] = `${s.size}:${s.mtimeMs}`;
  }
  const bundle = `cli-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`;
  const manifest = { format: FORMAT, esbuild: esbuildVersion(), bundle, sources: stamps };
  try {
    fs.mkdirSync(dir, { recursive: true });
    const temp = `.${process.pid}.${Date.now()}`;
    fs.writeFileSync(path.join(dir, bundle + temp), code);
    fs.renameSync(path.join(dir, bundle + temp), path.join(dir, bundle));
    fs.writeFileSync(path.join(dir, MANIFEST + temp), `${JSON.stringify(manifest)}\n`);
    fs.renameSync(path.join(dir, MANIFEST + temp), path.join(dir, MANIFEST));
  } catch {
    return undefined;
  }
  prune(dir, bundle);
  return manifest;
}

function prune(dir, keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const ours = /^cli-[0-9a-f]{16}\.cjs/.test(name) || name.startsWith(`${MANIFEST}.`);
    if (name === keep || !ours) continue;
    const file = path.join(dir, name);
    const s = fs.statSync(file, { throwIfNoEntry: false });
    if (s !== undefined && now - s.mtimeMs > PRUNE_AFTER_MS) fs.rmSync(file, { force: true });
  }
}

/**
 * Makes the package's entry points (`index.ts`, `model/index.ts`) resolve to
 * the bundle's modules, for the fleet definition's imports: Node looks a
 * resolved file up in `require.cache` before loading it. Each loads on first use.
 */
function aliasEntryPoints(root, entryPoints) {
  const Module = require('node:module');
  for (const [file, load] of Object.entries(entryPoints)) {
    const filename = path.join(root, file);
    const alias = new Module(filename, module);
    alias.filename = filename;
    alias.paths = Module._nodeModulePaths(path.dirname(filename));
    alias.loaded = true;
    let exports;
    Object.defineProperty(alias, 'exports', { enumerable: true, get: () => (exports ??= load()) });
    require.cache[filename] = alias;
  }
}

module.exports = { loadBundle, aliasEntryPoints };
