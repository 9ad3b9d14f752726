// Rewritten forms of an edit, tried when the text as given matches nothing: line-number gutters
// copied from a numbered file listing, and HTML entities left by an XML-escaping client.
import { decodeEntities, hasEntities } from './normalise';

export interface EditVariant {
  kind: 'lineNumbers' | 'entities';
  oldString: string;
  newString: string;
}

// "12 | code" (our listings and Roo's), "12\tcode" (cat -n), "12→code".
const GUTTER = /^ *(\d+)(?: *\| ?|\t|\u2192)/;

/** Removes a line-number gutter, but only from text where every line carries one, numbered in sequence. */
export function stripLineNumbers(value: string, requireSequence: boolean): string | undefined {
  const trailingNewline = value.endsWith('\n');
  const lines = (trailingNewline ? value.slice(0, -1) : value).split('\n');
  const stripped: string[] = [];
  let expected: number | undefined;
  for (const line of lines) {
    const gutter = GUTTER.exec(line);
    if (!gutter) return undefined;
    const number = Number(gutter[1]);
    if (requireSequence && expected !== undefined && number !== expected) return undefined;
    expected = number + 1;
    stripped.push(line.slice(gutter[0].length));
  }
  return stripped.join('\n') + (trailingNewline ? '\n' : '');
}

export function editVariants(oldString: string, newString: string): EditVariant[] {
  const variants: EditVariant[] = [];
  const unnumbered = stripLineNumbers(oldString, true);
  if (unnumbered !== undefined) {
    variants.push({ kind: 'lineNumbers', oldString: unnumbered, newString: stripLineNumbers(newString, false) ?? newString });
  }
  // A client that escaped old_string escaped new_string too: decode both.
  if (hasEntities(oldString)) {
    variants.push({ kind: 'entities', oldString: decodeEntities(oldString), newString: decodeEntities(newString) });
  }
  return variants;
}
