/**
 * Escaping for the two languages the graph is written in. Every piece of text
 * that comes from the fleet definition goes through one of these.
 */

/** Characters Mermaid reads as syntax inside a quoted label, as its entity codes (`#<decimal>;`). */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '"': '#34;',
  '#': '#35;',
  '&': '#38;',
  '<': '#60;',
  '>': '#62;',
  '`': '#96;',
};

/**
 * Text for a double-quoted Mermaid label: quotes, `#` (which starts an entity),
 * HTML's `<`, `>` and `&`, and backticks (Markdown strings) become
 * decimal entity codes; line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/["#&<>`]/g, (c) => MERMAID_ENTITIES[c]!);
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an XML (SVG, XHTML) text node or attribute value. Control characters XML forbids are dropped. */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}
