// How file contents and sizes are shown to the model. Lines carry right-aligned numbers, a tab,
// then the text; over-long lines (minified code) are cut so one line cannot flood the reply.

export const MAX_LINE_CHARS = 2000;

export function numberedLine(lineNumber: number, text: string, width: number): string {
  const clipped = text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… [line cut: ${text.length - MAX_LINE_CHARS} more characters]` : text;
  return `${String(lineNumber).padStart(width)}\t${clipped}`;
}

export function numberWidth(lastLineNumber: number): number {
  return Math.max(4, String(lastLineNumber).length);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "1 line", "2 lines". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
