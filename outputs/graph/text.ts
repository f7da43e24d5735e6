/**
 * Text metrics for the SVG, without a font engine: the picture uses a
 * monospace font, so a line's width is its length times one advance.
 */

/** Font size of the picture, in pixels. */
export const FONT_SIZE = 12;
/** Advance of one monospace character at FONT_SIZE (0.6 em, what common monospace fonts use). */
export const CHAR_WIDTH = 7.2;
/** Distance between two baselines. */
export const LINE_HEIGHT = 16;

/** Estimated width of a line, in pixels. */
export function textWidth(text: string): number {
  return Math.ceil([...text].length * CHAR_WIDTH);
}

/** How many characters fit in `width` pixels. */
export function charsIn(width: number): number {
  return Math.max(1, Math.floor(width / CHAR_WIDTH));
}

/**
 * Breaks `text` into lines of at most `max` characters, at spaces. A word
 * longer than a line stays whole on its own line (the SVG squeezes it with
 * `textLength`).
 */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line === '') line = word;
    else if ([...line].length + 1 + [...word].length <= max) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** `items` joined with ', ' and wrapped: one item is never split across lines. */
export function wrapList(items: readonly string[], max: number): string[] {
  const lines: string[] = [];
  let line = '';
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line === '') line = piece;
    else if ([...line].length + 1 + [...piece].length <= max) line = `${line} ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  });
  if (line !== '') lines.push(line);
  return lines;
}
