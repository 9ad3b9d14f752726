// A long reply streaming into the chat view: a 45,000-character Markdown answer (prose, lists,
// code) arrives in 2,000 chunks, one every few milliseconds, into the real webview bundle in
// Chromium. What the user feels is the longest gap between two drawn frames (goal: under 50 ms).
import type { HostMessage } from '../src/protocol/messages';
import { launchChromium } from '../test/e2e/harness/browser';
import { openChatPage, serveChatPage } from './chatPage';
import { median } from './stats';

const REPLY_CHARS = 45_000;
const CHUNKS = 2_000;
const RUNS = 3;
const GOAL_MS = 50;

/** A long answer as models write them: headings, prose with inline code, lists and code blocks. */
function reply(): string {
  const parts: string[] = [];
  for (let i = 0; parts.join('').length < REPLY_CHARS; i++) {
    parts.push(
      `## Step ${i + 1}: the \`parse${i}\` function\n\n`,
      `The function \`parse${i}\` reads the **input** line by line and returns the tokens it found. It was wrong when the line ended in a backslash, so the next line was joined twice; see [the issue](https://example.com/issues/${i}).\n\n`,
      `- keeps the line numbers of each token\n- returns \`undefined\` for an empty line\n- never throws on bad input\n\n`,
      '```ts\n' +
        `export function parse${i}(text: string): Token[] {\n  const tokens: Token[] = [];\n  let line = 1;\n` +
        `  for (const raw of text.split('\\n')) {\n    if (raw.endsWith('\\\\')) { line++; continue; }\n    tokens.push({ line, text: raw.trim() });\n    line++;\n  }\n  return tokens;\n}\n` +
        '```\n\n',
    );
  }
  return parts.join('').slice(0, REPLY_CHARS);
}

/** What the host sends for the reply: the user's message, the chunks, the end of the turn. */
function streamedReply(text = reply()): HostMessage[] {
  const size = Math.ceil(text.length / CHUNKS);
  const messages: HostMessage[] = [{ type: 'user', id: 'u1', text: 'Explain every parser.', attachments: [] }];
  for (let at = 0; at < text.length; at += size) messages.push({ type: 'agent', event: { type: 'text', delta: text.slice(at, at + size) } });
  messages.push({ type: 'agent', event: { type: 'done', reason: 'stop' } });
  return messages;
}

interface Run {
  longestGap: number;
  /** Frames that came more than the goal after the one before: one gap can be the machine's. */
  slowFrames: number;
  longestTask: number;
  frames: number;
}

export async function run(): Promise<string[]> {
  const messages = streamedReply();
  const server = await serveChatPage();
  const browser = await launchChromium();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await openChatPage(browser, server.url);
      await page.evaluate(`window.benchStream = ${JSON.stringify(messages)}`);
      runs.push((await page.evaluate(`(async () => {
        let longestTask = 0;
        new PerformanceObserver((list) => { for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration); }).observe({ type: 'longtask' });
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        let sending = true;
        let last = await frame();
        let longestGap = 0;
        let slowFrames = 0;
        let frames = 0;
        const watch = (async () => {
          while (sending) {
            const now = await frame();
            longestGap = Math.max(longestGap, now - last);
            if (now - last > ${GOAL_MS}) slowFrames++;
            last = now;
            frames++;
          }
        })();
        // One chunk per timer turn, as a fast model's deltas arrive.
        for (const message of window.benchStream) {
          window.postMessage(message, '*');
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const list = document.getElementById('messages');
        while (list.querySelector('.message.assistant.streaming')) await frame();
        await frame();
        await frame();
        sending = false;
        await watch;
        return { longestGap, slowFrames, longestTask, frames };
      })()`)) as Run);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const gap = median(runs.map((r) => r.longestGap));
  return [
    `${REPLY_CHARS.toLocaleString('en-US')}-character reply streamed in ${CHUNKS.toLocaleString('en-US')} chunks: longest frame gap ${gap.toFixed(0)} ms (goal < ${GOAL_MS} ms${gap < GOAL_MS ? ', met' : ', NOT met'}), ${median(runs.map((r) => r.slowFrames))} of ${median(runs.map((r) => r.frames))} frames later than ${GOAL_MS} ms, longest task ${median(runs.map((r) => r.longestTask)).toFixed(0)} ms (median of ${RUNS})`,
  ];
}
