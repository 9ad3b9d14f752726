// What parallel sessions cost in memory: code-server with the production build (the test editor of
// test/e2e), the sample workspace made a repository, then four worktree sessions started from the
// palette against the instant mock model, each reading files for 30 steps, all four running at
// once (each one's first answer waits until the four have asked). The extension host's resident
// memory is sampled throughout: idle with the chat open, the peak while the four run, and after.
import { readFileSync } from 'node:fs';
import { reply, text, textReply, toolCall, type Turn } from '../test/fixtures/mockOpenAI';
import { launchChromium } from '../test/e2e/harness/browser';
import { codeServerEntry } from '../test/e2e/harness/editorInstall.cjs';
import { byFirstMessage } from '../test/e2e/harness/modelScripts';
import { descendants } from '../test/e2e/harness/processTree';
import { openScenario } from '../test/e2e/harness/scenario';
import { commitWorkspace, sessionsPane, startSession } from '../test/e2e/harness/sessions';
import { median } from './stats';

const SESSIONS = 4;
const STEPS = 30;
const SAMPLE_EVERY_MS = 50;

export async function run(): Promise<string[]> {
  if (!codeServerEntry()) return ['sessions memory: skipped, the test editor is not installed (node test/e2e/setup.mjs)'];
  const prompts = Array.from({ length: SESSIONS }, (_, i) => `Survey the project, part ${i + 1}`);
  const started = new Set<string>();
  const finished = new Set<string>();
  let allStarted = () => {};
  const together = new Promise<void>((resolve) => (allStarted = resolve));
  const script = (prompt: string): Turn[] => [
    async () => {
      started.add(prompt);
      if (started.size === SESSIONS) allStarted();
      await Promise.race([together, sleep(60_000)]);
      return readStep(0);
    },
    ...Array.from({ length: STEPS - 1 }, (_, step) => readStep(step + 1)),
    () => {
      finished.add(prompt);
      return textReply('The project is a small math library with one test.');
    },
  ];
  // Twice over: room for any request the editor makes besides the sessions' own.
  const turns = byFirstMessage(Object.fromEntries(prompts.map((prompt) => [prompt, script(prompt)])));
  const browser = await launchChromium();
  try {
    const scenario = await openScenario(browser, { name: 'bench-sessions-memory', script: [...turns, ...turns] });
    try {
      commitWorkspace(scenario);
      await scenario.openChat();
      const host = extensionHost(scenario.server.pid);
      await sleep(2000);
      const idle = median(await sampleFor(host, 2000));
      const during: number[] = [];
      const sampler = setInterval(() => during.push(residentBytes(host)), SAMPLE_EVERY_MS);
      const began = Date.now();
      try {
        for (const prompt of prompts) await startSession(scenario.page, prompt);
        await waitUntil(() => finished.size === SESSIONS, 180_000, 'the four sessions to finish');
        for (const prompt of prompts) await sessionsPane(scenario.page).locator('.monaco-list-row', { hasText: prompt }).filter({ hasText: 'done' }).waitFor();
      } finally {
        clearInterval(sampler);
      }
      const seconds = (Date.now() - began) / 1000;
      await sleep(2000);
      const after = median(await sampleFor(host, 2000));
      const peak = Math.max(...during);
      return [
        `the extension host in code-server, ${SESSIONS} worktree sessions of ${STEPS} steps each against the instant mock, all running at once (${seconds.toFixed(1)} s)`,
        `${'idle, chat open'.padEnd(20)}${mb(idle)}`,
        `${`peak, ${SESSIONS} running`.padEnd(20)}${mb(peak)}   (+${mb(peak - idle)}, about ${mb((peak - idle) / SESSIONS)} a session)`,
        `${'after they finish'.padEnd(20)}${mb(after)}   (+${mb(after - idle)}, the four conversations kept for review)`,
      ];
    } finally {
      await scenario.close();
    }
  } finally {
    await browser.close();
  }
}

/** A step of a session: a read of one of the sample's files, never the same call twice in a row. */
function readStep(step: number) {
  const path = step % 2 === 0 ? 'src/math.js' : 'README.md';
  return reply(text(`Step ${step + 1}: reading ${path}. `), toolCall('read_file', { path, start_line: 1 + (step % 5) }));
}

/** The extension host among code-server's processes. */
function extensionHost(serverPid: number): number {
  const pid = descendants(serverPid).find((child) => commandLine(child).includes('extensionHost'));
  if (pid === undefined) throw new Error('no extension host process under code-server');
  return pid;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** The process's resident memory (VmRSS), in bytes. */
function residentBytes(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

async function sampleFor(pid: number, ms: number): Promise<number[]> {
  const samples: number[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await sleep(SAMPLE_EVERY_MS)) samples.push(residentBytes(pid));
  return samples;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (const end = Date.now() + timeoutMs; !check(); await sleep(100)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
