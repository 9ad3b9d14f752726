// Substring matching: the text exactly as given, then with typographic characters folded.
import { foldTypography, hasTypography } from './normalise';
import { lineAt, type Match, type SourceText } from './sourceText';

/** Every non-overlapping occurrence of `needle` in `haystack`, left to right. */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

export function findExact(source: SourceText, oldString: string, newString: string): Match[] {
  return occurrences(source.text, oldString).map((start) => ({
    line: lineAt(source, start) + 1,
    splices: [{ start, end: start + oldString.length, text: newString }],
  }));
}

/**
 * Matches with curly quotes, dashes and odd spaces folded to ASCII on both sides. The parts of
 * new_string that repeat old_string unchanged are taken from the file, so the file's own
 * typography survives where the model did not mean to touch it.
 */
export function findFolded(source: SourceText, oldString: string, newString: string): Match[] {
  if (!hasTypography(source.text) && !hasTypography(oldString)) return [];
  return occurrences(foldTypography(source.text), foldTypography(oldString)).map((start) => {
    const region = source.text.slice(start, start + oldString.length);
    return {
      line: lineAt(source, start) + 1,
      splices: [{ start, end: start + oldString.length, text: keepUnchangedFromFile(oldString, newString, region) }],
    };
  });
}

function keepUnchangedFromFile(oldString: string, newString: string, region: string): string {
  const limit = Math.min(oldString.length, newString.length);
  let prefix = 0;
  while (prefix < limit && oldString[prefix] === newString[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && oldString[oldString.length - 1 - suffix] === newString[newString.length - 1 - suffix]) suffix++;
  return region.slice(0, prefix) + newString.slice(prefix, newString.length - suffix) + region.slice(region.length - suffix);
}
