// Which lines a read_file result showed, from the note the tool ends a partial page with
// ("[Lines 1-2000 of 5120, 180 KB. Continue with start_line=2001.]", src/agent/tools/readFile.ts),
// so the tool card can say what the model saw and what it did not. Pure.

export interface PageShown {
  first: number;
  last: number;
  total: number;
  /** The line ranges that were not shown, e.g. "1-99 and 2100-5120". */
  notShown: string;
}

const NOTE = /^\[Lines (\d+)-(\d+) of (\d+), [^\]]*\]$/m;

export function readFilePage(result: string): PageShown | undefined {
  const match = NOTE.exec(result);
  if (!match) return undefined;
  const [first, last, total] = match.slice(1, 4).map(Number);
  const ranges: string[] = [];
  if (first > 1) ranges.push(range(1, first - 1));
  if (last < total) ranges.push(range(last + 1, total));
  if (ranges.length === 0) return undefined;
  return { first, last, total, notShown: ranges.join(' and ') };
}

/** The card's sentence about it. */
export function pageShownText(page: PageShown): string {
  return `Shown: lines ${range(page.first, page.last)} of ${page.total}. Not shown: lines ${page.notShown}.`;
}

function range(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}
