import { GRAPH_FORMATS, graphFiles, GraphFolderError, isGraphFormat, writeGraph } from '../../outputs/graph';
import { DEFAULT_CONFIG } from '../load-config';
import { DEFAULT_GRAPH_OUT } from '../defaults';
import type { Output } from '../output';
import { loadFleet } from './check';


export interface GraphOptions {
  readonly config?: string;
  readonly out?: string;
  readonly format?: string;
}

/**
 * Validates the definition, then writes the fleet's picture: `fleet.mmd`
 * (Mermaid), `fleet.html` (a page with the picture inline) and `fleet.svg`,
 * or the one `format` names. Unchanged files are not rewritten. Exit codes:
 * 0 written, 1 invalid definition or unusable folder (nothing written), 2 bad usage.
 */
export function runGraph(options: GraphOptions, out: Output): number {
  const format = options.format ?? 'all';
  if (!isGraphFormat(format)) {
    out.stderr(`fleetwright graph: --format "${format}" is not a format; use one of ${GRAPH_FORMATS.join(', ')}`);
    return 2;
  }
  const fleet = loadFleet(options.config, out, 'graph');
  if (!fleet) {
    out.stderr('fleetwright graph: nothing was written');
    return 1;
  }
  const outDir = options.out ?? DEFAULT_GRAPH_OUT;
  try {
    const { written, unchanged } = writeGraph(outDir, graphFiles(fleet, format));
    const list = (files: readonly string[]) => (files.length > 0 ? ` (${files.join(', ')})` : '');
    out.stdout(
      `✔ drew fleet ${fleet.name} (${fleet.clusters.length} clusters) from ${options.config ?? DEFAULT_CONFIG} into ${outDir}/: ` +
        `${written.length} written${list(written)}, ${unchanged.length} unchanged${list(unchanged)}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof GraphFolderError) {
      out.stderr(`fleetwright graph: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
