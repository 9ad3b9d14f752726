// How long a conversation of 2,000 messages takes to come back into the chat view: the host
// rebuilding the transcript from the saved messages, then the real webview bundle (dist/webview.js,
// built by `npm run bench`) in Chromium folding the snapshot into its state and drawing it.
import type { Message } from '../src/agent/conversation';
import { transcriptOf } from '../src/host/chat/conversationTranscript';
import type { HostMessage } from '../src/protocol/messages';
import { launchChromium } from '../test/e2e/harness/browser';
import { openChatPage, serveChatPage } from './chatPage';
import { median } from './stats';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2_000);
const RUNS = 5;

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
    state: { busy: false, setup: { configured: true, provider: 'openai', baseUrl: 'http://localhost/v1', model: 'bench-model', hasApiKey: false }, attachments: [], mode: 'agent' },
  };
  const server = await serveChatPage();
  const browser = await launchChromium();
  const draw: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await openChatPage(browser, server.url);
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
    `${MESSAGES}-message conversation into the chat view: host rebuilds the transcript in ${median(rebuild).toFixed(1)} ms; the webview (Chromium) folds and draws the ${(bytes / 1024 / 1024).toFixed(1)} MiB snapshot in ${median(draw).toFixed(1)} ms (median of ${RUNS})`,
  ];
}
