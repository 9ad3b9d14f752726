// Text differences that models introduce without meaning to: typographic quotes and dashes,
// odd spaces, runs of whitespace, HTML entities from XML-escaped tool calls.

// One UTF-16 unit for one, so positions in folded text are positions in the original.
const FOLDED: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00A0': ' ', '\u2002': ' ', '\u2003': ' ', '\u2007': ' ', '\u2009': ' ', '\u200A': ' ', '\u202F': ' ', '\u3000': ' ',
};
const FOLDABLE_CLASS = `[${Object.keys(FOLDED).join('')}]`;
const FOLDABLE = new RegExp(FOLDABLE_CLASS, 'g');
const HAS_FOLDABLE = new RegExp(FOLDABLE_CLASS);

/** Replaces typographic quotes, dashes and spaces with their ASCII twins, keeping every offset. */
export function foldTypography(value: string): string {
  return value.replace(FOLDABLE, (char) => FOLDED[char]);
}

export function hasTypography(value: string): boolean {
  return HAS_FOLDABLE.test(value);
}

/** A line reduced to what a reader sees: folded typography, one space per whitespace run, no edges. */
export function normaliseLine(line: string): string {
  const plain = NON_ASCII.test(line) ? foldTypography(line.normalize('NFC')).replace(/\u2026/g, '...') : line;
  const trimmed = plain.trim();
  return SPACING.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

const SPACING = /\s\s|[^\S ]/;

const NON_ASCII = /[^\x00-\x7f]/;

/** Whitespace as `\s` means it, tested on a UTF-16 unit without a regular expression (hot loops). */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00A0' };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g;

export function hasEntities(value: string): boolean {
  ENTITY.lastIndex = 0;
  for (let found = ENTITY.exec(value); found; found = ENTITY.exec(value)) {
    if (!found[3] || found[3].toLowerCase() in NAMED_ENTITIES) return true;
  }
  return false;
}

/** Decodes the entities an XML-escaping client leaves in text (`&lt;`, `&amp;`, `&#39;`...). */
export function decodeEntities(value: string): string {
  return value.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal || hex) {
      const code = parseInt(decimal ?? hex ?? '', decimal ? 10 : 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? whole;
  });
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}
