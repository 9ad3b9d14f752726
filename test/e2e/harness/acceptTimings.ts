// Accepting edits as a person does, timed: the mock model proposes five edits to src/math.js one
// after another; each is accepted with the Accept in its diff's title bar, and three moments are taken
// from the click: the card saying "Accepted" (in the chat's frame), the file on disk (read by
// this process, every few milliseconds) and the card done (the tool's result is back). Shared by
// the e2e scenario (which checks what must hold) and the bench (which reports against the goals).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { reply, textReply, toolCall, type Turn } from '../../fixtures/mockOpenAI';
import { BUGGY_LINE, FIXED_LINE } from './modelScripts';
import type { Scenario } from './scenario';
import { editorTitleAction, toolCard } from './workbench';

export const ACCEPT_FILE = 'src/math.js';

/** Five edits of src/math.js, each on its own line. */
export const ACCEPT_EDITS: ReadonlyArray<{ old_string: string; new_string: string }> = [
  { old_string: BUGGY_LINE, new_string: FIXED_LINE },
  { old_string: '// Small number helpers for the sample app.', new_string: '// Small number helpers for the sample app: sum and average.' },
  { old_string: 'let total = 0;', new_string: 'let total = 0; // the running sum' },
  { old_string: 'return total;', new_string: 'return total; // every number added' },
  { old_string: 'if (numbers.length === 0) return 0;', new_string: 'if (numbers.length === 0) return 0; // no numbers, no average' },
];

export const ACCEPTS_DONE = 'All five edits are in.';

/** The model's side: the five edits, then a line saying so. */
export function acceptScript(): Turn[] {
  return [...ACCEPT_EDITS.map((edit) => reply(toolCall('edit_file', { path: ACCEPT_FILE, ...edit }))), textReply(ACCEPTS_DONE)];
}

/** Milliseconds from the click. */
export interface AcceptTiming {
  accepted: number;
  disk: number;
  done: number;
}

/** Accepts the edit waiting now, by its card's button, once its file holds `expected`; times it. */
export async function timeAccept(scenario: Scenario, chat: FrameLocator, expected: string): Promise<AcceptTiming> {
  const card = toolCard(chat, 'edit_file', 'waiting');
  await card.waitFor();
  const id = await card.getAttribute('data-tool-call-id');
  const file = path.join(scenario.workspace, ACCEPT_FILE);
  let onDisk: number | undefined;
  let polling = true;
  const poll = (async () => {
    while (polling && onDisk === undefined) {
      if (fs.readFileSync(file, 'utf8') === expected) onDisk = Date.now();
      else await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    // The moments are taken in the chat's frame, so no round trip to this process delays them:
    // an observer notes the card's changes (the click is the Accept in the diff's title bar).
    // (No named functions inside: the test runner's compiler would wrap them in a helper the
    // frame does not have.)
    await chat.locator('#messages').evaluate((messages, callId) => {
      const selector = `.tool-card[data-tool-call-id="${callId}"]`;
      const times: { accepted?: number; done?: number } = {};
      messages.setAttribute('data-accept-times', '');
      const observer = new MutationObserver(() => {
        const card = messages.querySelector(selector);
        if (times.accepted === undefined && card?.querySelector('.tool-note')?.textContent === 'Accepted') times.accepted = Date.now();
        if (card?.getAttribute('data-status') !== 'done') return;
        times.done = Date.now();
        observer.disconnect();
        messages.setAttribute('data-accept-times', JSON.stringify(times));
      });
      observer.observe(messages, { subtree: true, childList: true, attributes: true, characterData: true });
    }, id);
    // The click is stamped where it lands, in the workbench's page: Playwright's own waits for
    // the button (visible, stable, enabled) come before it and are not the editor's time.
    await scenario.page.evaluate(() => {
      const w = window as unknown as { ouroClickAt?: number };
      w.ouroClickAt = undefined;
      window.addEventListener('mousedown', () => (w.ouroClickAt = Date.now()), { capture: true, once: true });
    });
    await editorTitleAction(scenario.page, 'Keep all changes').click();
    const clicked = await scenario.page.evaluate(() => (window as unknown as { ouroClickAt?: number }).ouroClickAt ?? Number.NaN);
    const times = chat.locator('#messages:not([data-accept-times=""])');
    await times.waitFor({ state: 'attached' });
    const seen = JSON.parse((await times.getAttribute('data-accept-times')) ?? '{}') as { accepted?: number; done: number };
    polling = false;
    await poll;
    const disk = onDisk ?? Date.now();
    return { accepted: seen.accepted === undefined ? Number.NaN : seen.accepted - clicked, disk: disk - clicked, done: seen.done - clicked };
  } finally {
    polling = false;
  }
}

/** Sends the request and accepts the five edits in turn; the file's text after each is checked on disk. */
export async function acceptFive(scenario: Scenario, chat: FrameLocator, afterFirst?: () => Promise<unknown>): Promise<AcceptTiming[]> {
  let expected = scenario.read(ACCEPT_FILE);
  const timings: AcceptTiming[] = [];
  for (const edit of ACCEPT_EDITS) {
    expected = expected.replace(edit.old_string, edit.new_string);
    timings.push(await timeAccept(scenario, chat, expected));
    if (timings.length === 1) await afterFirst?.();
  }
  return timings;
}

/** The median of each moment over the accepts, each accept's too, and against `goals` when given. */
export function acceptReport(timings: readonly AcceptTiming[], goals: Partial<AcceptTiming> = {}): string[] {
  const rows: Array<[keyof AcceptTiming, string]> = [
    ['accepted', 'click → card says Accepted'],
    ['disk', 'click → file on disk'],
    ['done', 'click → card done'],
  ];
  return rows.map(([key, label]) => {
    const values = timings.map((timing) => Math.round(timing[key]));
    const middle = median(values);
    const goal = goals[key];
    const verdict = goal === undefined ? '' : `   goal < ${goal} ms ${middle < goal ? 'met' : 'NOT met'}`;
    return `${label.padEnd(28)} ${String(middle).padStart(5)} ms   (each: ${values.join(', ')})${verdict}`;
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
