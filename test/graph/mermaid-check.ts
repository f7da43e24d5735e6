/**
 * Reads the Mermaid subset `fleetMermaid` writes, strictly: every line is one
 * known statement, ids are plain identifiers that are not keywords, labels
 * are quoted with every character Mermaid or HTML reads as syntax escaped,
 * subgraphs are balanced, and edges and classes name declared ids. Returns
 * the graph with decoded labels, for assertions. (Mermaid itself is a browser
 * library that this project does not install.)
 */

export interface MermaidGraph {
  readonly direction: string;
  /** Node id → label lines (decoded). */
  readonly nodes: ReadonlyMap<string, readonly string[]>;
  /** Subgraph id → label and the ids directly inside. */
  readonly subgraphs: ReadonlyMap<string, { readonly label: readonly string[]; readonly members: readonly string[] }>;
  readonly edges: readonly { readonly from: string; readonly to: string; readonly label?: string }[];
  /** Class name → ids, as `class` statements assign them. */
  readonly classes: ReadonlyMap<string, readonly string[]>;
  readonly classDefs: readonly string[];
}

const KEYWORDS = new Set(['end', 'subgraph', 'graph', 'flowchart', 'class', 'classDef', 'style', 'click', 'direction', 'linkStyle', 'default', 'call', 'href']);
const ID = '([A-Za-z][A-Za-z0-9_]*)';
const LABEL = '"([^"]*)"';

const DECODE: Readonly<Record<string, string>> = { '#34;': '"', '#35;': '#', '#38;': '&', '#60;': '<', '#62;': '>', '#96;': '`' };

function decodeLabel(raw: string, line: string): string[] {
  const withoutBreaks = raw.split('<br>');
  for (const part of withoutBreaks) {
    if (/[<>&`\n]/.test(part)) throw new Error(`unescaped character in label: ${line}`);
    const stray = part.replace(/#\d+;/g, '').match(/#/);
    if (stray) throw new Error(`"#" that is not an entity code in label: ${line}`);
  }
  return withoutBreaks.map((p) => p.replace(/#\d+;/g, (code) => {
    if (!(code in DECODE)) throw new Error(`unexpected entity code ${code} in: ${line}`);
    return DECODE[code]!;
  }));
}

function checkId(id: string, line: string): string {
  if (KEYWORDS.has(id)) throw new Error(`id "${id}" is a Mermaid keyword: ${line}`);
  if (/^[ox]/.test(id)) throw new Error(`id "${id}" starts with o or x, which reads as an edge end after ---: ${line}`);
  return id;
}

export function readMermaid(source: string): MermaidGraph {
  if (!source.endsWith('\n')) throw new Error('source does not end with a newline');
  const [head, ...lines] = source.slice(0, -1).split('\n');
  const direction = /^flowchart (LR|TB|TD|RL|BT)$/.exec(head ?? '')?.[1];
  if (!direction) throw new Error(`first line is not a flowchart header: ${head}`);
  const nodes = new Map<string, string[]>();
  const subgraphs = new Map<string, { label: string[]; members: string[] }>();
  const edges: { from: string; to: string; label?: string }[] = [];
  const classes = new Map<string, string[]>();
  const classDefs: string[] = [];
  const open: string[] = [];
  const declare = (id: string, label: string[], line: string) => {
    if (nodes.has(id) || subgraphs.has(id)) throw new Error(`id "${id}" declared twice: ${line}`);
    nodes.set(checkId(id, line), label);
    if (open.length > 0) subgraphs.get(open[open.length - 1]!)!.members.push(id);
  };
  const pending: { id: string; line: string }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (line.startsWith('%%')) {
      if (line.startsWith('%%{')) throw new Error(`comment reads as a directive: ${line}`);
    } else if ((m = new RegExp(`^subgraph ${ID}\\[${LABEL}\\]$`).exec(line))) {
      const id = checkId(m[1]!, line);
      if (nodes.has(id) || subgraphs.has(id)) throw new Error(`id "${id}" declared twice: ${line}`);
      if (open.length > 0) subgraphs.get(open[open.length - 1]!)!.members.push(id);
      subgraphs.set(id, { label: decodeLabel(m[2]!, line), members: [] });
      open.push(id);
    } else if (line === 'end') {
      if (!open.pop()) throw new Error('"end" without a subgraph');
    } else if (/^direction (LR|TB|RL|BT)$/.test(line)) {
      if (open.length === 0) throw new Error(`direction outside a subgraph: ${line}`);
    } else if ((m = new RegExp(`^${ID}(?:\\[${LABEL}\\]|\\(${LABEL}\\))$`).exec(line))) {
      declare(m[1]!, decodeLabel(m[2] ?? m[3]!, line), line);
    } else if ((m = new RegExp(`^${ID}(?:\\(${LABEL}\\))? (-->|-\\.->)\\|${LABEL}\\| ${ID}$`).exec(line))) {
      if (m[2] !== undefined) declare(m[1]!, decodeLabel(m[2], line), line);
      edges.push({ from: m[1]!, to: m[5]!, label: decodeLabel(m[4]!, line).join('\n') });
      pending.push({ id: m[1]!, line }, { id: m[5]!, line });
    } else if (new RegExp(`^${ID}( --> ${ID})+$`).test(line)) {
      const ids = line.split(' --> ');
      ids.slice(1).forEach((to, k) => edges.push({ from: ids[k]!, to }));
      pending.push(...ids.map((id) => ({ id, line })));
    } else if ((m = /^classDef ([A-Za-z][A-Za-z0-9]*) ([a-z-]+:[#a-z0-9]+(,[a-z-]+:[#a-z0-9]+)*)$/.exec(line))) {
      classDefs.push(m[1]!);
    } else if ((m = new RegExp(`^class (${ID.slice(1, -1)}(?:,${ID.slice(1, -1)})*) ([A-Za-z][A-Za-z0-9]*)$`).exec(line))) {
      const ids = m[1]!.split(',');
      classes.set(m[2]!, [...(classes.get(m[2]!) ?? []), ...ids]);
      pending.push(...ids.map((id) => ({ id, line })));
    } else {
      throw new Error(`not a statement this reader knows: ${line}`);
    }
  }
  if (open.length > 0) throw new Error(`subgraph ${open[open.length - 1]} is never closed`);
  for (const { id, line } of pending) {
    if (!nodes.has(id) && !subgraphs.has(id)) throw new Error(`"${id}" is not declared: ${line}`);
  }
  for (const cls of classes.keys()) if (!classDefs.includes(cls)) throw new Error(`class ${cls} has no classDef`);
  return { direction, nodes, subgraphs, edges, classes, classDefs };
}

/** The class a node is given (the last `class` statement naming it wins in Mermaid; there is one here). */
export function classOf(graph: MermaidGraph, id: string): string[] {
  return [...graph.classes].filter(([, ids]) => ids.includes(id)).map(([cls]) => cls);
}
