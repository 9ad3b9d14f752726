// The chat webview outside the editor: the real page (src/host's chat HTML) and the real bundle
// (dist/webview.js, built by `npm run bench`) with its stylesheet, served over loopback for Chromium.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chatPageHtml } from '../src/host/chat/webviewHtml';

const root = join(__dirname, '..');

export interface ChatPageServer {
  url: string;
  close(): void;
}

export function serveChatPage(): Promise<ChatPageServer> {
  const html = chatPageHtml({ cspSource: "'self'", nonce: 'bench', scriptUri: '/webview.js', styleUris: ['/chat.css'] });
  const script = readFileSync(join(root, 'dist', 'webview.js'));
  const style = readFileSync(join(root, 'media', 'chat.css'));
  const server: Server = createServer((request, response) => {
    if (request.url === '/webview.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (request.url === '/chat.css') response.writeHead(200, { 'content-type': 'text/css' }).end(style);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`, close: () => server.close() });
  }));
}

/** A fresh page with the chat view loaded and ready for host messages. */
export async function openChatPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  // Strings, not functions: the test runner's transform would put helpers into them that the page lacks.
  await page.addInitScript('window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });');
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(url);
  await page.waitForSelector('#prompt');
  return page;
}
