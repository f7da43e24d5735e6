/** Code-unit order: stable across locales, the same everywhere in the output. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
