// Re-indents new_string to fit where old_string matched. Models often drop a level of
// indentation, add one, or write spaces where the file uses tabs; the lines they meant to write
// keep their shape relative to each other, so only the offset (or the indent style) changes.
import { isBlank, leadingWhitespace } from './normalise';

/** An old_string line's indentation and that of the file line it matched. */
export type IndentPair = readonly [model: string, file: string];

type Shift = { add: string } | { remove: string };

export function reindent(newLines: readonly string[], pairs: readonly IndentPair[]): string[] {
  if (pairs.length === 0) return [...newLines];
  const convert = styleConversion(newLines, pairs);
  if (convert) return newLines.map((line) => (isBlank(line) ? line : convert(leadingWhitespace(line)) + line.trimStart()));
  const shift = mostCommonShift(pairs);
  if (!shift) return [...newLines];
  return newLines.map((line) => (isBlank(line) ? line : applyShift(shift, line)));
}

function shiftOf([model, file]: IndentPair): Shift | undefined {
  if (file.endsWith(model)) return { add: file.slice(0, file.length - model.length) };
  if (model.endsWith(file)) return { remove: model.slice(0, model.length - file.length) };
  return undefined;
}

// The most common shift wins: a model that got one line's indentation wrong inside an otherwise
// consistent block should not skew the rest.
function mostCommonShift(pairs: readonly IndentPair[]): Shift | undefined {
  const counts = new Map<string, { shift: Shift; count: number }>();
  for (const pair of pairs) {
    const shift = shiftOf(pair);
    if (!shift) continue;
    const key = 'add' in shift ? `+${shift.add}` : `-${shift.remove}`;
    const entry = counts.get(key) ?? { shift, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  let best: { shift: Shift; count: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.shift;
}

function applyShift(shift: Shift, line: string): string {
  if ('add' in shift) return shift.add + line;
  if (line.startsWith(shift.remove)) return line.slice(shift.remove.length);
  // Outdenting past this line's own indentation: take away what there is, up to the same width.
  let width = columns(shift.remove);
  let at = 0;
  while (at < line.length && width > 0 && (line[at] === ' ' || line[at] === '\t')) {
    width -= line[at] === '\t' ? TAB_COLUMNS : 1;
    at++;
  }
  return line.slice(at);
}

const TAB_COLUMNS = 4;

function columns(indent: string): number {
  let width = 0;
  for (const char of indent) width += char === '\t' ? TAB_COLUMNS : 1;
  return width;
}

/** When the model indents with spaces and the file with tabs (or the reverse), maps one to the other. */
function styleConversion(newLines: readonly string[], pairs: readonly IndentPair[]): ((indent: string) => string) | undefined {
  const modelIndents = [...pairs.map(([model]) => model), ...newLines.filter((line) => !isBlank(line)).map(leadingWhitespace)];
  const fileIndents = pairs.map(([, file]) => file);
  const model = styleOf(modelIndents);
  const file = styleOf(fileIndents);
  if (model === 'spaces' && file === 'tabs') return spacesToTabs(pairs, modelIndents);
  if (model === 'tabs' && file === 'spaces') return tabsToSpaces(pairs);
  return undefined;
}

function styleOf(indents: readonly string[]): 'tabs' | 'spaces' | 'mixed' | 'none' {
  const tabs = indents.some((indent) => indent.includes('\t'));
  const spaces = indents.some((indent) => indent.includes(' '));
  if (tabs && spaces) return 'mixed';
  return tabs ? 'tabs' : spaces ? 'spaces' : 'none';
}

function spacesToTabs(pairs: readonly IndentPair[], modelIndents: readonly string[]): (indent: string) => string {
  // Two matched lines at different tab depths tell the width of one level; otherwise guess from the model's own widths.
  const unit = unitFromPairs(pairs.map(([model, file]) => [file.length, model.length])) ?? gcdOf(modelIndents.map((indent) => indent.length)) ?? TAB_COLUMNS;
  const offset = mostCommon(pairs.map(([model, file]) => file.length - Math.floor(model.length / unit)));
  return (indent) => '\t'.repeat(Math.max(0, Math.floor(indent.length / unit) + offset)) + ' '.repeat(indent.length % unit);
}

function tabsToSpaces(pairs: readonly IndentPair[]): (indent: string) => string {
  const unit = unitFromPairs(pairs.map(([model, file]) => [model.length, file.length])) ?? gcdOf(pairs.map(([, file]) => file.length)) ?? TAB_COLUMNS;
  const offset = mostCommon(pairs.map(([model, file]) => file.length - model.length * unit));
  return (indent) => {
    const tabs = leadingTabs(indent);
    return ' '.repeat(Math.max(0, tabs * unit + (indent.length - tabs) + offset));
  };
}

function leadingTabs(indent: string): number {
  let count = 0;
  while (indent[count] === '\t') count++;
  return count;
}

/** From [tab depth, space width] pairs: the spaces per tab that two distinct depths agree on. */
function unitFromPairs(depthWidths: ReadonlyArray<readonly [number, number]>): number | undefined {
  const units: number[] = [];
  for (let i = 0; i < depthWidths.length; i++) {
    for (let j = i + 1; j < depthWidths.length; j++) {
      const depth = depthWidths[j][0] - depthWidths[i][0];
      const width = depthWidths[j][1] - depthWidths[i][1];
      if (depth !== 0 && width % depth === 0 && width / depth > 0) units.push(width / depth);
    }
  }
  return units.length ? mostCommon(units) : undefined;
}

function gcdOf(values: readonly number[]): number | undefined {
  let result = 0;
  for (const value of values) {
    let a = result;
    let b = value;
    while (b) [a, b] = [b, a % b];
    result = a;
  }
  return result > 0 ? result : undefined;
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = values[0] ?? 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}
