// Markdown for model output. `html: false` is the safety line: whatever the model writes, its raw
// HTML is shown as text, never parsed. Images are off too, so a reply cannot make the webview load
// anything. Only common languages are registered with highlight.js to keep the bundle small.
import MarkdownIt, { type Env, type Token } from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, shell, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

const md = new MarkdownIt({ html: false, linkify: true, breaks: false });
md.disable('image');

/** markdown-it's env (it gathers link reference definitions into `references`), and ours. */
export interface RenderEnv extends Env {
  /** Skip highlighting: for the unfinished tail of a streaming reply, redrawn every frame. */
  plain?: boolean;
}

/** One top-level block (a paragraph, a list, a code block…): its tokens and its first line. */
export interface MarkdownBlock {
  line: number;
  tokens: Token[];
}

md.renderer.rules.fence = (tokens, index, _options, env) => {
  const token = tokens[index];
  const language = token.info.trim().split(/\s+/)[0] ?? '';
  const escapedLanguage = md.utils.escapeHtml(language);
  const code = (env as RenderEnv | undefined)?.plain ? md.utils.escapeHtml(token.content) : highlight(token.content, language);
  return (
    '<div class="code-block">' +
    `<div class="code-toolbar"><span class="code-language">${escapedLanguage}</span>` +
    '<button class="copy" type="button" aria-label="Copy code" title="Copy code"><span class="codicon codicon-copy" aria-hidden="true"></span></button></div>' +
    `<pre><code class="hljs${language ? ` language-${escapedLanguage}` : ''}">${code}</code></pre></div>\n`
  );
};

// Links open outside the webview; noopener keeps the opened page from reaching back.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
md.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, index, options, env, self);
};

function highlight(code: string, language: string): string {
  // No auto-detection: it runs every grammar over the block, which is slow while streaming.
  if (language && hljs.getLanguage(language)) {
    return hljs.highlight(code, { language, ignoreIllegals: true }).value;
  }
  return md.utils.escapeHtml(code);
}

export function renderMarkdown(text: string, options: RenderEnv = {}): string {
  return md.render(text, { ...options });
}

/** `text` parsed into its top-level blocks; rendering them all in order is `renderMarkdown(text)`. */
export function markdownBlocks(text: string, env: RenderEnv): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let depth = 0;
  for (const token of md.parse(text, env)) {
    if (depth === 0) blocks.push({ line: token.map?.[0] ?? 0, tokens: [] });
    blocks[blocks.length - 1].tokens.push(token);
    depth += token.nesting;
  }
  return blocks;
}

export function renderBlock(block: MarkdownBlock, env: RenderEnv): string {
  return md.renderer.render(block.tokens, md.options, env);
}

/** One line with only its `code spans` rendered: no emphasis, links or HTML, so paths like __init__.py stay as written. */
const codeOnly = new MarkdownIt('zero', { html: false }).enable(['backticks']);
export function renderInlineCode(text: string): string {
  return codeOnly.renderInline(text);
}
