// A web page as Markdown the model can read: Readability (Firefox's reader view) picks the main
// content when it finds an article, Turndown writes it as Markdown, links made absolute. Pages
// that are not articles (indexes, docs tables of contents) keep their whole body, minus scripts,
// styles, navigation and forms. linkedom is the DOM: light, and no browser needed.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

export interface PageMarkdown {
  title: string;
  markdown: string;
}

/** Below this much article text, Readability's pick is likely a fragment: use the body. */
const MIN_ARTICLE_CHARS = 200;
const NOISE = ['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'form', 'button', 'nav', 'header > nav', 'footer nav'];

export function htmlToMarkdown(html: string, pageUrl: URL): PageMarkdown {
  const { document } = parseHTML(html);
  const title = (document.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const body = document.body as unknown as HTMLElement | null;
  const fallback = body ? (body.cloneNode(true) as HTMLElement) : undefined;
  let main: HTMLElement | undefined;
  try {
    const article = new Readability(document as unknown as Document, { serializer: (node: Node) => node as HTMLElement }).parse();
    if (article?.content && (article.textContent ?? '').trim().length >= MIN_ARTICLE_CHARS) main = article.content;
  } catch {
    // Readability gives up on some documents; the whole body is the answer then.
  }
  if (!main && fallback) {
    for (const element of Array.from(fallback.querySelectorAll(NOISE.join(',')))) element.remove();
    main = fallback;
  }
  const markdown = main ? createTurndown(pageUrl).turndown(main) : '';
  return { title, markdown: tidy(markdown) };
}

function createTurndown(pageUrl: URL): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
  service.remove((node) => ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'CANVAS'].includes(node.nodeName.toUpperCase()));
  service.addRule('absoluteLinks', {
    filter: (node) => node.nodeName === 'A' && Boolean((node as HTMLElement).getAttribute('href')),
    replacement: (content, node) => {
      const href = absolute((node as HTMLElement).getAttribute('href') ?? '', pageUrl);
      const text = content.trim();
      if (!href || !text) return text;
      return href === text ? `<${href}>` : `[${text}](${href})`;
    },
  });
  // Images cost tokens and the model cannot see them; their alt text says what they were.
  service.addRule('imagesAsAltText', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = ((node as HTMLElement).getAttribute('alt') ?? '').trim();
      return alt ? `[image: ${alt}]` : '';
    },
  });
  return service;
}

function absolute(href: string, base: URL): string | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function tidy(markdown: string): string {
  return markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/^(\s*)-   /gm, '$1- ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
