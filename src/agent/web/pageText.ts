// The body of a fetched page as text for the model: HTML as Markdown, text and JSON as they came.
// Anything else (images, PDFs, archives) is refused before its body is read.
import type { PageMarkdown } from './htmlToMarkdown';

export type PageKind = 'html' | 'text';

/** How a content type is read, or undefined when fetch_url cannot read it. "" is sniffed later. */
export function pageKind(contentType: string): PageKind | 'unknown' | undefined {
  if (contentType === '') return 'unknown';
  if (contentType === 'text/html' || contentType === 'application/xhtml+xml') return 'html';
  if (contentType.startsWith('text/')) return 'text';
  if (/^application\/([\w.+-]+\+)?(json|xml)$/.test(contentType) || contentType === 'application/javascript' || contentType === 'application/x-ndjson') return 'text';
  return undefined;
}

export interface PageText {
  title?: string;
  text: string;
}

/** Decodes the body with its charset (UTF-8 when none or an unknown one is named). */
export function pageText(body: Buffer, contentType: string, charset: string | undefined, url: URL): PageText | { binary: true } {
  const kind = pageKind(contentType);
  if (kind === 'unknown' && body.subarray(0, 1024).includes(0)) return { binary: true };
  const text = decode(body, charset);
  const looksHtml = kind === 'html' || (kind === 'unknown' && /^\s*(<!doctype html|<html[\s>])/i.test(text));
  if (!looksHtml) return { text };
  const page: PageMarkdown = loadConverter().htmlToMarkdown(text, url);
  return { ...(page.title ? { title: page.title } : {}), text: page.markdown };
}

/** The DOM and Markdown libraries load on the first HTML page, not when Ouro starts. */
function loadConverter(): typeof import('./htmlToMarkdown') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./htmlToMarkdown') as typeof import('./htmlToMarkdown');
}

function decode(body: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
