// The @ picker's filter: the query's characters in order anywhere in the path (case ignored),
// scored so that what a person means comes first: matches in the file's own name, at the start
// of a word (after `/`, `.`, `-`, `_` or a lower-to-upper case change) and in runs. Pure.

/** Higher is better; undefined when the path does not hold the query's characters in order. */
export function fuzzyScore(query: string, path: string): number | undefined {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  if (wanted === '') return 0;
  const text = path.toLowerCase();
  const nameStart = path.replace(/\/$/, '').lastIndexOf('/') + 1;
  // Two ways to place the characters: as early as they go (a query spanning folders) and as late
  // (a match in the name); the better one counts.
  const forward = matchForward(wanted, text);
  if (!forward) return undefined;
  const best = Math.max(scorePositions(path, forward, nameStart), scorePositions(path, matchFromEnd(wanted, text), nameStart));
  // The same score: the shorter path is the likelier one.
  return best - path.length / 1000;
}

function scorePositions(path: string, positions: readonly number[], nameStart: number): number {
  let score = 0;
  let previous = -2;
  for (const at of positions) {
    score += 1;
    if (at >= nameStart) score += 2;
    if (at === 0 || isWordStart(path, at)) score += 3;
    if (at === previous + 1) score += 4;
    previous = at;
  }
  return score;
}

function isWordStart(path: string, at: number): boolean {
  const before = path[at - 1];
  if ('/._- '.includes(before)) return true;
  return before === before.toLowerCase() && path[at] !== path[at].toLowerCase();
}

function matchForward(wanted: string, text: string): number[] | undefined {
  const positions: number[] = [];
  let from = 0;
  for (const char of wanted) {
    const at = text.indexOf(char, from);
    if (at < 0) return undefined;
    positions.push(at);
    from = at + 1;
  }
  return positions;
}

/** Each character as late as it goes; called only when the forward match exists, so this one does too. */
function matchFromEnd(wanted: string, text: string): number[] {
  const positions: number[] = [];
  let to = text.length;
  for (let i = wanted.length - 1; i >= 0; i--) {
    const at = text.lastIndexOf(wanted[i], to - 1);
    positions.unshift(at);
    to = at;
  }
  return positions;
}

/** The items the query matches, best first; an item's `boost` (recent, open) breaks near-ties. */
export function fuzzyFilter<T>(items: readonly T[], query: string, pathOf: (item: T) => string, boost: (item: T) => number = () => 0): T[] {
  const scored: Array<{ item: T; score: number; index: number }> = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, pathOf(item));
    if (score !== undefined) scored.push({ item, score: score + boost(item), index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((entry) => entry.item);
}
