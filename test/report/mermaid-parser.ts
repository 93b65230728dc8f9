/**
 * A strict parser for the subset of Mermaid flowchart syntax the report emits, so tests can check the graph's
 * structure rather than its text: the header, quoted node declarations with a class, labelled edges (solid or
 * dotted) between declared nodes, and class definitions.
 */
export interface MermaidGraph {
  readonly direction: string;
  readonly nodes: ReadonlyMap<string, { label: string; klass: string }>;
  readonly edges: ReadonlyArray<{ from: string; to: string; label: string; dotted: boolean }>;
  readonly classes: ReadonlySet<string>;
}

const NODE = /^([A-Za-z][A-Za-z0-9_]*)\["([^"\n]*)"\]:::([A-Za-z][A-Za-z0-9_-]*)$/;
const EDGE = /^([A-Za-z][A-Za-z0-9_]*) (-->|-\.->)\|([^|"\n]+)\| ([A-Za-z][A-Za-z0-9_]*)$/;
const CLASS_DEF = /^classDef ([A-Za-z][A-Za-z0-9_-]*) ([a-z-]+:[^\s,;]+(?:,[a-z-]+:[^,;]+)*)$/;
const RESERVED = new Set(['end', 'graph', 'flowchart', 'subgraph', 'classDef', 'class', 'style', 'click']);

/** Parses `text`; throws with the line number on anything outside the subset or any dangling reference. */
export function parseMermaid(text: string): MermaidGraph {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const header = /^flowchart (LR|RL|TB|TD|BT)$/.exec(lines[0] ?? '');
  if (!header) throw new Error(`line 1: expected "flowchart <direction>", got ${JSON.stringify(lines[0])}`);
  const nodes = new Map<string, { label: string; klass: string }>();
  const edges: Array<{ from: string; to: string; label: string; dotted: boolean }> = [];
  const classes = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    const where = `line ${i + 2}`;
    let m: RegExpExecArray | null;
    if ((m = NODE.exec(line))) {
      if (RESERVED.has(m[1])) throw new Error(`${where}: node id ${m[1]} is a Mermaid keyword`);
      if (nodes.has(m[1])) throw new Error(`${where}: node ${m[1]} declared twice`);
      if (/[<>]/.test(m[2])) throw new Error(`${where}: label ${JSON.stringify(m[2])} holds markup`);
      nodes.set(m[1], { label: m[2].replace(/#quot;/g, '"'), klass: m[3] });
    } else if ((m = EDGE.exec(line))) {
      edges.push({ from: m[1], to: m[4], label: m[3], dotted: m[2] === '-.->' });
    } else if ((m = CLASS_DEF.exec(line))) {
      classes.add(m[1]);
    } else {
      throw new Error(`${where}: not a node, edge or classDef: ${JSON.stringify(line)}`);
    }
  });
  for (const edge of edges) {
    for (const end of [edge.from, edge.to]) if (!nodes.has(end)) throw new Error(`edge ${edge.from} -> ${edge.to} uses undeclared node ${end}`);
  }
  for (const [id, node] of nodes) if (!classes.has(node.klass)) throw new Error(`node ${id} uses undefined class ${node.klass}`);
  return { direction: header[1], nodes, edges, classes };
}

/** Node ids reachable from `from` along edges accepted by `follow`. */
export function reachable(graph: MermaidGraph, from: string, follow: (edge: MermaidGraph['edges'][number]) => boolean = () => true): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of graph.edges) {
      if (edge.from === id && follow(edge) && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}
