'use strict';
/**
 * The CLI as one bundled file: its TypeScript sources and the packages it
 * runs (cdk8s, cdk8s-plus-28, constructs, zod, yaml) compiled by esbuild
 * into `node_modules/.cache/fleetwright/cli-<hash>.cjs`, so `fleetwright
 * synth` loads one file instead of some 600 modules, 300 of them through
 * the TypeScript loader (about 0.15 s instead of 0.5 s). Only `tsx` (the
 * loader for the fleet definition) and `esbuild` stay in node_modules.
 *
 * One file is also one script for V8 to cache: the first process that loads
 * a bundle without a usable code cache writes one beside it when it exits
 * (`cli-<hash>.v8`, with the functions that run compiled), and later
 * processes compile from it (about 0.1 s less per start at 1,000 clusters).
 * V8 checks the cache against the script, its own version and its flags, and
 * a cache it rejects is written again.
 *
 * The bundle is built on first use and rebuilt when a source file it holds
 * changes: `cli.json` records each source's size and modification time, and
 * every start compares them (some 600 stat calls, about 8 ms). Where no
 * bundle can be built or kept (esbuild missing, a read-only node_modules, a
 * source that does not compile), the caller runs the CLI from source, as
 * it does with FLEETWRIGHT_FROM_SOURCE=1 (stack traces then point into the
 * .ts files). Processes starting together may each build; each writes its
 * own file and replaces the manifest in one rename, so a reader always sees
 * a manifest and the bundle it names.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const ENTRY = 'cli/entry.ts';
/** Changes whenever the build options below change, so older bundles are rebuilt. */
const FORMAT = 2;
/** Packages left out of the bundle: the fleet definition's loader, and the bundler. */
const EXTERNAL = ['tsx', 'esbuild'];
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
    return loadCached(bundle);
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
      external: EXTERNAL,
      outfile: path.join(dir, 'cli.cjs'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch {
    return undefined;
  }
  const code = result.outputFiles[0].text;
  // tsconfig.json and package.json shape the build without being bundled. The inputs include the bundled
  // packages' files (outside the package when node_modules links them), so an upgrade rebuilds too.
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
    const ours = /^cli-[0-9a-f]{16}\.(cjs|v8)/.test(name) || name.startsWith(`${MANIFEST}.`);
    if (name === keep || name === codeCacheFile(keep) || !ours) continue;
    const file = path.join(dir, name);
    const s = fs.statSync(file, { throwIfNoEntry: false });
    if (s !== undefined && now - s.mtimeMs > PRUNE_AFTER_MS) fs.rmSync(file, { force: true });
  }
}

/** A CommonJS module object for `filename`, resolving its requires from its own folder, not yet loaded. */
function moduleAt(filename) {
  const created = new Module(filename, module);
  created.filename = filename;
  created.paths = Module._nodeModulePaths(path.dirname(filename));
  return created;
}

/** Where the V8 code cache of `bundle` goes. */
function codeCacheFile(bundle) {
  return bundle.replace(/\.cjs$/, '.v8');
}

/**
 * Loads `bundle` as CommonJS (as `require` would, and registered in
 * `require.cache` under its path), compiled from its V8 code cache when there
 * is a usable one; otherwise writes one when the process exits, by then
 * holding the functions this run compiled. The cache is only ever an
 * optimization: one that cannot be read or written is ignored.
 */
function loadCached(bundle) {
  const cacheFile = codeCacheFile(bundle);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const loaded = moduleAt(bundle);
  require.cache[bundle] = loaded;
  try {
    script.runInThisContext().call(loaded.exports, loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle));
  } catch (error) {
    delete require.cache[bundle];
    throw error;
  }
  loaded.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCodeCache(script, cacheFile));
  return loaded.exports;
}

function writeCodeCache(script, cacheFile) {
  const temp = `${cacheFile}.${process.pid}.${Date.now()}`;
  try {
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    // Runs as the process exits: nothing here may throw.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The temporary file stays; `prune` removes it with the next build.
    }
  }
}

/**
 * Makes the package's entry points (`index.ts`, `model/index.ts`) resolve to
 * the bundle's modules, for the fleet definition's imports: Node looks a
 * resolved file up in `require.cache` before loading it. Each loads on first use.
 */
function aliasEntryPoints(root, entryPoints) {
  for (const [file, load] of Object.entries(entryPoints)) {
    const filename = path.join(root, file);
    const alias = moduleAt(filename);
    alias.loaded = true;
    let exports;
    Object.defineProperty(alias, 'exports', { enumerable: true, get: () => (exports ??= load()) });
    require.cache[filename] = alias;
  }
}

module.exports = { loadBundle, aliasEntryPoints };
