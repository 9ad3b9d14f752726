// The order in which old_string is looked for. Each step forgives a little more; the first step
// that finds anything decides, so a looser step never overrides a stricter one.
import { findElided } from './elision';
import { findExact, findFolded } from './exactMatch';
import { findByLines } from './lineMatch';
import { editVariants } from './oldStringVariants';
import type { Match, SourceText } from './sourceText';
import { findIgnoringWhitespace } from './whitespaceMatch';

export type MatchStrategy =
  | 'exact'
  | 'indentation'
  | 'normalised'
  | 'lineNumbers'
  | 'entities'
  | 'elision'
  | 'whitespace';

type Finder = (source: SourceText, oldString: string, newString: string) => Match[];

const STEPS: ReadonlyArray<readonly [MatchStrategy, Finder]> = [
  ['exact', findExact],
  ['indentation', (source, oldString, newString) => findByLines(source, oldString, newString, 'trimmed')],
  ['normalised', (source, oldString, newString) => {
    const folded = findFolded(source, oldString, newString);
    return folded.length > 0 ? folded : findByLines(source, oldString, newString, 'normalised');
  }],
];

export type Found =
  | { kind: 'matched'; strategy: MatchStrategy; matches: Match[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'none' };

export function findMatches(source: SourceText, oldString: string, newString: string): Found {
  const exact = findExact(source, oldString, newString);
  if (exact.length > 0 || oldString.trim() === '') return matched('exact', exact);
  for (const [strategy, find] of STEPS.slice(1)) {
    const matches = find(source, oldString, newString);
    if (matches.length > 0) return matched(strategy, matches);
  }
  for (const variant of editVariants(oldString, newString)) {
    for (const [, find] of STEPS) {
      const matches = find(source, variant.oldString, variant.newString);
      if (matches.length > 0) return matched(variant.kind, matches);
    }
  }
  const elided = findElided(source, oldString, newString);
  if (typeof elided === 'string') return { kind: 'refused', reason: elided };
  if (elided.length > 0) return matched('elision', elided);
  return matched('whitespace', findIgnoringWhitespace(source, oldString, newString));
}

function matched(strategy: MatchStrategy, matches: Match[]): Found {
  return matches.length > 0 ? { kind: 'matched', strategy, matches } : { kind: 'none' };
}
