/**
 * The files `fleetwright graph` writes, and the writer: only files whose
 * content changed are written (atomically), nothing else in the folder is
 * touched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fleet } from '../../model';
import { fleetHtml } from './html';
import { fleetMermaid } from './mermaid';
import { fleetSvg } from './svg';

export const GRAPH_FORMATS = ['mermaid', 'html', 'svg', 'all'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(value: string): value is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(value);
}

/** File names per format. */
export const GRAPH_FILES = { mermaid: 'fleet.mmd', html: 'fleet.html', svg: 'fleet.svg' } as const;

/** File name → content, in a stable order. */
export function graphFiles(fleet: Fleet, format: GraphFormat): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  if (format === 'mermaid' || format === 'all') files.set(GRAPH_FILES.mermaid, fleetMermaid(fleet));
  if (format === 'html' || format === 'all') files.set(GRAPH_FILES.html, fleetHtml(fleet));
  if (format === 'svg' || format === 'all') files.set(GRAPH_FILES.svg, fleetSvg(fleet));
  return files;
}

export class GraphFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphFolderError';
  }
}

export interface GraphWriteResult {
  /** Files written (created or changed), in the order given. */
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Writes the files into `outDir` (created when missing); a file whose content
 * is unchanged is left alone. Every file is read before any is written, so a
 * folder in the way of one means none is written.
 */
export function writeGraph(outDir: string, files: ReadonlyMap<string, string>): GraphWriteResult {
  if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) {
    throw new GraphFolderError(`${outDir} is a file, not a folder; choose another --out; nothing was written`);
  }
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const [name, content] of files) {
    if (readIfExists(path.join(outDir, name)) === content) unchanged.push(name);
    else written.push(name);
  }
  if (written.length > 0) fs.mkdirSync(outDir, { recursive: true });
  for (const name of written) {
    const file = path.join(outDir, name);
    // Written next to its place, then renamed: a reader never sees half a file.
    const staged = `${file}.fleetwright-tmp`;
    try {
      fs.writeFileSync(staged, files.get(name)!);
      fs.renameSync(staged, file);
    } catch (e) {
      fs.rmSync(staged, { force: true });
      throw new GraphFolderError(`cannot write ${file}: ${(e as Error).message}`);
    }
  }
  return { written, unchanged };
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new GraphFolderError(`${file} is a folder; remove it or choose another --out; nothing was written`);
    throw new GraphFolderError(`cannot read ${file}: ${(e as Error).message}; nothing was written`);
  }
}
