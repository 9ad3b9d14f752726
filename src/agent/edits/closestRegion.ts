// When old_string matches nothing, the model retries best if it sees the text it probably meant:
// the run of file lines most like old_string, numbered, and where the two first part ways.
import { lineKeys, splitEditLines } from './lineMatch';
import { isBlank, normaliseLine } from './normalise';
import type { SourceText } from './sourceText';

export interface Region {
  /** 0-based first line of the region. */
  first: number;
  count: number;
  /** The old_string line that lines up with `first` (non-zero when old_string starts before the file does). */
  oldFirst: number;
}

// A line that occurs this often (`}`, `end`) says nothing about where old_string belongs.
const TOO_COMMON = 50;
const SHOWN_LINES = 30;

/** The window of file lines that shares the most lines with old_string, or undefined if nothing is close. */
export function closestRegion(source: SourceText, oldString: string): Region | undefined {
  const oldLines = splitEditLines(oldString).lines;
  if (source.lines.length === 0) return undefined;
  const start = startByVotes(source, oldLines) ?? startBySimilarity(source, oldLines);
  if (start === undefined) return undefined;
  // Keep old_string aligned with the file: cut the region at the file's edges rather than slide it.
  const first = Math.max(0, start);
  const oldFirst = first - start;
  const count = Math.min(oldLines.length - oldFirst, source.lines.length - first);
  return { first, count, oldFirst };
}

function startByVotes(source: SourceText, oldLines: readonly string[]): number | undefined {
  const where = new Map<string, number[]>();
  lineKeys(source, 'normalised').forEach((key, index) => {
    if (key === '') return;
    const list = where.get(key);
    if (list) list.push(index);
    else where.set(key, [index]);
  });
  const votes = new Map<number, number>();
  oldLines.forEach((line, k) => {
    const hits = where.get(normaliseLine(line));
    if (!hits || hits.length > TOO_COMMON) return;
    for (const index of hits) votes.set(index - k, (votes.get(index - k) ?? 0) + 1);
  });
  let best: number | undefined;
  for (const [start, count] of votes) {
    const bestCount = best === undefined ? 0 : votes.get(best) ?? 0;
    if (count > bestCount || (count === bestCount && best !== undefined && start < best)) best = start;
  }
  return best;
}

// No line matches outright: anchor on the file line most like old_string's longest line.
function startBySimilarity(source: SourceText, oldLines: readonly string[]): number | undefined {
  let anchor = -1;
  oldLines.forEach((line, k) => {
    if (anchor < 0 || normaliseLine(line).length > normaliseLine(oldLines[anchor]).length) anchor = k;
  });
  const wanted = bigrams(normaliseLine(oldLines[anchor]));
  if (wanted.size === 0) return undefined;
  // Bigram -> the last line that shared it: counts each shared bigram once without a set per line.
  const seenOn = new Map<number, number>();
  for (const gram of wanted) seenOn.set(gram, -1);
  let best = -1;
  let bestScore = 0.5;
  lineKeys(source, 'normalised').forEach((key, index) => {
    // Dice cannot reach the threshold when one side is over three times the other.
    if (key.length < 2 || key.length * 3 < wanted.size || wanted.size * 3 < key.length) return;
    let shared = 0;
    for (let i = 0; i + 1 < key.length; i++) {
      const gram = bigram(key, i);
      const last = seenOn.get(gram);
      if (last !== undefined && last !== index) {
        shared++;
        seenOn.set(gram, index);
      }
    }
    const score = (2 * shared) / (wanted.size + key.length - 1);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best < 0 ? undefined : best - anchor;
}

// Two UTF-16 units packed in one number: cheaper to hash than a two-character string.
function bigram(value: string, at: number): number {
  return value.charCodeAt(at) * 0x10000 + value.charCodeAt(at + 1);
}

function bigrams(value: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 1 < value.length; i++) set.add(bigram(value, i));
  return set;
}

/** The region, numbered as a listing, then the first line where file and old_string differ. */
export function describeRegion(source: SourceText, region: Region, oldString: string): string {
  const shown = Math.min(region.count, SHOWN_LINES);
  const last = region.first + region.count;
  const width = String(last).length;
  const listing = source.lines
    .slice(region.first, region.first + shown)
    .map((line, k) => `${String(region.first + k + 1).padStart(width)} | ${line}`);
  if (shown < region.count) listing.push(`${' '.repeat(width)} | ... (${region.count - shown} more lines)`);
  const range = region.count === 1 ? `line ${region.first + 1}` : `lines ${region.first + 1}-${last}`;
  return [`The closest text in the file is at ${range}:`, ...listing, ...firstDifference(source, region, oldString)].join('\n');
}

function firstDifference(source: SourceText, region: Region, oldString: string): string[] {
  const oldLines = splitEditLines(oldString).lines;
  for (let k = 0; k < region.count; k++) {
    const fileLine = source.lines[region.first + k];
    const oldLine = oldLines[region.oldFirst + k];
    if (fileLine === oldLine) continue;
    const how = normaliseLine(fileLine) === normaliseLine(oldLine) && !isBlank(fileLine)
      ? ' (they differ only in whitespace or quote style)'
      : '';
    return [`First difference at line ${region.first + k + 1}${how}: the file has ${quote(fileLine)}; old_string has ${quote(oldLine)}.`];
  }
  return [];
}

function quote(line: string): string {
  const clipped = line.length > 160 ? `${line.slice(0, 160)}...` : line;
  return JSON.stringify(clipped);
}
