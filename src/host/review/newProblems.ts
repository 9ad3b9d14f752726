// Which problems an edit introduced: the ones after it that were not there before. Lines move
// when an edit adds or removes lines, so problems are matched by what they say (message,
// severity, source), counted, never by position. Pure.
import type { Diagnostic } from '../../agent/diagnostics';

function keyOf(diagnostic: Diagnostic): string {
  return JSON.stringify([diagnostic.severity, diagnostic.source ?? '', diagnostic.message.trim()]);
}

/** Problems in `after` beyond those `before` already had: a problem present twice before and three times after is new once. */
export function newProblems(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, number>();
  for (const diagnostic of before) seen.set(keyOf(diagnostic), (seen.get(keyOf(diagnostic)) ?? 0) + 1);
  const introduced: Diagnostic[] = [];
  for (const diagnostic of after) {
    const left = seen.get(keyOf(diagnostic)) ?? 0;
    if (left > 0) seen.set(keyOf(diagnostic), left - 1);
    else introduced.push(diagnostic);
  }
  return introduced;
}

/** The problems worth the model's attention after an edit. */
export function errorsAndWarnings(problems: readonly Diagnostic[]): Diagnostic[] {
  return problems.filter((d) => d.severity === 'error' || d.severity === 'warning');
}
