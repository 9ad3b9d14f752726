// How long a conversation of 2,000 messages takes to come back into the chat view: the host
// rebuilding the transcript from the saved messages, then the real webview bundle (dist/webview.js,
// built by `npm run bench`) in Chromium folding the snapshot into its state and drawing it.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../src/agent/conversation';
import { chatPageHtml } from '../src/host/chat/webviewHtml';
import { transcriptOf } from '../src/host/chat/conversationTranscript';
import type { HostMessage } from '../src/protocol/messages';
import { launchChromium } from '../test/e2e/harness/browser';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const RUNS = 5;
const root = join(__dirname, '..');

/** A coding conversation: a user message, then reads and edits with their results, then a reply. */
function conversation(): Message[] {
  const messages: Message[] = [{ role: 'system', content: 'You are Ouro.' }];
  for (let i = 0; messages.length < MESSAGES; i++) {
    messages.push({ role: 'user', content: `Step ${i}: fix the bug in src/file${i}.ts and explain it.` });
    messages.push({ role: 'assistant', content: '', toolCalls: [{ id: `call-${i}`, name: 'read_file', arguments: JSON.stringify({ path: `src/file${i}.ts` }) }] });
    messages.push({ role: 'tool', toolCallId: `call-${i}`, name: 'read_file', content: Array.from({ length: 40 }, (_, n) => `${n + 1}: const value${n} = compute(${n});`).join('\n') });
    messages.push({ role: 'assistant', content: `The bug was an off-by-one in \`compute\`:\n\n\`\`\`ts\nfor (let i = 0; i < items.length; i++) total += items[i];\n\`\`\`\n\nFixed and explained.` });
  }
  return messages.slice(0, MESSAGES);
}

function median(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)].toFixed(1);
}

function serve(html: string): Promise<{ server: Server; url: string }> {
  const script = readFileSync(join(root, 'dist', 'webview.js'));
  const server = createServer((request, response) => {
    if (request.url === '/webview.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/` });
  }));
}

export async function run(): Promise<string[]> {
  const messages = conversation();
  let id = 0;
  const rebuild: number[] = [];
  let transcript = transcriptOf(messages, () => `m${id++}`);
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    transcript = transcriptOf(messages, () => `m${id++}`);
    rebuild.push(performance.now() - start);
  }
  const snapshot: HostMessage = {
    type: 'snapshot',
    transcript,
    state: { busy: false, setup: { configured: true, provider: 'openai', baseUrl: 'http://localhost/v1', model: 'bench-model', hasApiKey: false }, attachments: [] },
  };
  const { server, url } = await serve(chatPageHtml({ cspSource: "'self'", nonce: 'bench', scriptUri: '/webview.js', styleUris: [] }));
  const browser = await launchChromium();
  const draw: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage();
      // Strings, not functions: the test runner's transform would put helpers into them that the page lacks.
      await page.addInitScript('window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });');
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(url);
      await page.waitForSelector('#prompt');
      await page.evaluate(`window.benchSnapshot = ${JSON.stringify(snapshot)}`);
      const ms = (await page.evaluate(`(async () => {
        const start = performance.now();
        window.postMessage(window.benchSnapshot, '*');
        const list = document.getElementById('messages');
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        // Drawn: the list shows the last message and one more frame has passed.
        while (!list.textContent.includes('Fixed and explained')) await frame();
        await frame();
        return performance.now() - start;
      })()`)) as number;
      draw.push(ms);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const bytes = Buffer.byteLength(JSON.stringify(snapshot));
  return [
    `${MESSAGES}-message conversation into the chat view: host rebuilds the transcript in ${median(rebuild)} ms; the webview (Chromium) folds and draws the ${(bytes / 1024 / 1024).toFixed(1)} MiB snapshot in ${median(draw)} ms (median of ${RUNS})`,
  ];
}
