// Rendering a reply while it streams in. Re-parsing the whole reply every frame grows with its
// length (a long answer with code costs tens of milliseconds per parse), so the text is cut at
// the last blank line outside a code fence: everything before it is finished Markdown, rendered
// once and kept; only the tail after it is rendered again, without highlighting, each frame.
// When the reply is complete it is rendered whole once, so the final HTML is exactly Markdown's.
import { renderMarkdown } from './markdown';

/**
 * The end of the last blank line in `text` that lies outside a fenced code block, searching from
 * `from` (which must itself be outside a fence); `from` when there is none.
 */
export function stableBoundary(text: string, from = 0): number {
  let boundary = from;
  let fence: string | undefined;
  let lineStart = from;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) break; // the last line is still being written
    const line = text.slice(lineStart, newline);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker) {
      fence = marker;
    } else if (fence !== undefined && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
      fence = undefined;
    } else if (fence === undefined && line.trim() === '') {
      boundary = newline + 1;
    }
    lineStart = newline + 1;
  }
  return boundary;
}

export class StreamingMarkdown {
  private stableText = '';
  private stableHtml = '';

  render(text: string): string {
    if (!text.startsWith(this.stableText)) {
      this.stableText = '';
      this.stableHtml = '';
    }
    const boundary = stableBoundary(text, this.stableText.length);
    if (boundary > this.stableText.length) {
      this.stableHtml += renderMarkdown(text.slice(this.stableText.length, boundary));
      this.stableText = text.slice(0, boundary);
    }
    return this.stableHtml + renderMarkdown(text.slice(boundary), { plain: true });
  }
}
