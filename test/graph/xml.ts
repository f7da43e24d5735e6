/**
 * A strict, small XML well-formedness check for the graph's SVG and HTML
 * (the project has no XML parser): one root, balanced tags, quoted and
 * unique attributes, no raw `<` or stray `&` in text or attribute values.
 * Returns the elements and the decoded text, for assertions.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Decoded text directly inside the element. */
  text: string;
  readonly children: XmlElement[];
}

export interface XmlDocument {
  readonly root: XmlElement;
  /** Every element, in document order. */
  readonly elements: readonly XmlElement[];
}

export class XmlError extends Error {}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  if (text.includes('<')) throw new XmlError(`raw "<" in ${where}: ${JSON.stringify(text.slice(0, 80))}`);
  return text.replace(/&([^;\s&]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`"&" not starting an entity in ${where}: ${JSON.stringify(text.slice(0, 80))}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#(\d+)$/.exec(ref) ?? /^#x([0-9a-fA-F]+)$/.exec(ref);
    if (num) return String.fromCodePoint(parseInt(num[1]!, ref.startsWith('#x') ? 16 : 10));
    throw new XmlError(`unknown entity &${ref}; in ${where}`);
  });
}

export function parseXml(source: string): XmlDocument {
  let i = 0;
  const elements: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipProlog = () => {
    for (;;) {
      const rest = source.slice(i).replace(/^\s+/, '');
      i = source.length - rest.length;
      if (rest.startsWith('<?xml')) i = source.indexOf('?>', i) + 2;
      else if (/^<!DOCTYPE\s/i.test(rest)) i = source.indexOf('>', i) + 1;
      else if (rest.startsWith('<!--')) i = source.indexOf('-->', i) + 3;
      else return;
      if (i <= 1) throw new XmlError('unterminated prolog');
    }
  };
  skipProlog();
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new XmlError(`text outside the root element: ${JSON.stringify(text.slice(0, 80))}`);
    } else {
      stack[stack.length - 1]!.text += decode(text, `<${stack[stack.length - 1]!.name}>`);
    }
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end === -1) throw new XmlError('unterminated comment');
      i = end + 3;
      continue;
    }
    if (source.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(i));
      if (!m) throw new XmlError(`malformed end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new XmlError(`</${m[1]}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      i += m[0].length;
      continue;
    }
    const name = NAME.exec(source.slice(i + 1))?.[0];
    if (!name) throw new XmlError(`malformed tag at ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
    i += 1 + name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const m = /^\s+([A-Za-z_][\w.:-]*)="([^"]*)"|^\s+([A-Za-z_][\w.:-]*)='([^']*)'/.exec(source.slice(i));
      if (!m) break;
      const attr = m[1] ?? m[3]!;
      if (attr in attributes) throw new XmlError(`attribute ${attr} twice on <${name}>`);
      attributes[attr] = decode(m[2] ?? m[4]!, `${name}@${attr}`);
      i += m[0].length;
    }
    const close = /^\s*(\/?)>/.exec(source.slice(i));
    if (!close) throw new XmlError(`malformed tag <${name}> at ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
    i += close[0].length;
    const element: XmlElement = { name, attributes, text: '', children: [] };
    elements.push(element);
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) throw new XmlError(`second root element <${name}>`);
    else root = element;
    if (close[1] !== '/') stack.push(element);
  }
  if (stack.length > 0) throw new XmlError(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new XmlError('no root element');
  return { root, elements };
}

/** Every text of the element and its descendants, in document order. */
export function allText(element: XmlElement): string[] {
  return [element.text, ...element.children.flatMap(allText)].filter((t) => t.trim() !== '');
}
