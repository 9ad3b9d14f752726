// Tokens sent over a 300-step conversation (the model reads files one after another), with and
// without compaction, against the mock server; how long a 2,000-message conversation takes to
// load from the history; and how long the tokenizer takes to load the first time it is needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContextManager } from '../src/agent/context/contextManager';
import type { Message } from '../src/agent/conversation';
import { newRecord } from '../src/agent/history/conversationRecord';
import { ConversationStore } from '../src/agent/history/conversationStore';
import { NodeHistoryStorage } from '../src/agent/history/nodeHistoryStorage';
import { runAgent } from '../src/agent/loop';
import { buildSystemPrompt } from '../src/agent/prompt';
import { createTools } from '../src/agent/tools/index';
import { NodeWorkspace } from '../src/agent/workspace/nodeWorkspace';
import { OpenAICompatibleModel } from '../src/llm/openaiCompatible';
import { startMockServer, type ChatRequestBody } from '../test/fixtures/mockOpenAI';
import { isSummaryRequest, longConversationScript, wireRequestTokens, writeProject } from '../test/fixtures/longConversation';

const STEPS = 300;
const WINDOW = 8_000;

interface Run {
  chat: number[];
  summaries: number[];
  compactions: number;
  /** Tokens of each request that repeat the previous request byte for byte at its start. */
  cacheable: number;
}

async function runConversation(folder: string, paths: string[], compact: boolean): Promise<Run> {
  const script = longConversationScript(STEPS, paths);
  const server = await startMockServer(script.turns);
  try {
    const model = new OpenAICompatibleModel({ baseURL: server.url, model: 'gpt-4o', maxRetries: 0 });
    const conversation = {
      id: 'bench',
      messages: [
        { role: 'system' as const, content: buildSystemPrompt({ folders: ['project'] }) },
        { role: 'user' as const, content: 'Read every file in src, one at a time, and tell me when you are done.' },
      ],
    };
    let compactions = 0;
    for await (const event of runAgent(conversation, {
      model,
      tools: createTools(),
      workspace: new NodeWorkspace(folder, { ripgrep: false }),
      approver: { approve: async () => ({ approved: true }) },
      maxSteps: STEPS,
      ...(compact ? { context: new ContextManager({ model, window: WINDOW }) } : {}),
    })) {
      if (event.type === 'compacted') compactions++;
      if (event.type === 'done' && event.reason !== 'stop') throw new Error(`the conversation ended: ${event.reason} ${event.message ?? ''}`);
    }
    const chat = server.requests.filter((body) => !isSummaryRequest(body));
    return {
      chat: chat.map(wireRequestTokens),
      summaries: server.requests.filter(isSummaryRequest).map(wireRequestTokens),
      compactions,
      cacheable: cacheableTokens(chat),
    };
  } finally {
    await server.close();
  }
}

function cacheableTokens(requests: ChatRequestBody[]): number {
  let total = 0;
  for (let i = 1; i < requests.length; i++) {
    const before = JSON.stringify(requests[i - 1].messages);
    if (JSON.stringify(requests[i].messages).startsWith(before.slice(0, -1))) total += wireRequestTokens(requests[i - 1]);
  }
  return total;
}

function describe(name: string, run: Run): string[] {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const at = (step: number) => run.chat[step - 1].toLocaleString('en-US');
  const total = sum(run.chat);
  return [
    `${name}`,
    `  tokens sent at step 1 / 50 / 100 / 200 / 300: ${at(1)} / ${at(50)} / ${at(100)} / ${at(200)} / ${at(300)}`,
    `  largest request ${Math.max(...run.chat).toLocaleString('en-US')}; in total ${total.toLocaleString('en-US')} over ${run.chat.length} requests`,
    ...(run.summaries.length
      ? [`  ${run.compactions} compactions; ${run.summaries.length} summary requests of ${sum(run.summaries).toLocaleString('en-US')} tokens in all`]
      : []),
    `  a prefix the previous request sent byte for byte (cacheable): ${Math.round((100 * run.cacheable) / total)}% of the tokens sent`,
  ];
}

async function loadTime(folder: string): Promise<string[]> {
  const messages: Message[] = [{ role: 'system', content: buildSystemPrompt({ folders: ['project'] }) }, { role: 'user', content: 'Go through the project.' }];
  for (let i = 0; messages.length < 2_000; i++) {
    messages.push({ role: 'assistant', content: `Reading part ${i}.`, toolCalls: [{ id: `call_${i}`, name: 'read_file', arguments: `{"path":"src/file${i}.ts"}` }] });
    messages.push({ role: 'tool', toolCallId: `call_${i}`, name: 'read_file', content: `export const value${i} = compute(${i});\n`.repeat(40) });
  }
  const store = new ConversationStore(new NodeHistoryStorage(join(folder, 'history')));
  const record = newRecord('big', messages);
  const times = { save: [] as number[], load: [] as number[], list: [] as number[] };
  for (let round = 0; round < 5; round++) {
    let start = performance.now();
    await store.save(record);
    times.save.push(performance.now() - start);
    start = performance.now();
    await store.load('big');
    times.load.push(performance.now() - start);
    start = performance.now();
    await store.list();
    times.list.push(performance.now() - start);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(1);
  const size = Buffer.byteLength(JSON.stringify(record)) / 1024 / 1024;
  return [`2,000-message conversation (${size.toFixed(1)} MiB): save ${median(times.save)} ms, load and repair ${median(times.load)} ms, list ${median(times.list)} ms (median of 5)`];
}

function tokenizerLoadTime(): string {
  const code = "const t = performance.now(); require('gpt-tokenizer/cjs/encoding/o200k_base').countTokens('x'); console.log((performance.now() - t).toFixed(0))";
  const result = spawnSync(process.execPath, ['-e', code], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  return `o200k tokenizer, first use in a process: ${result.stdout.trim()} ms (loaded only once a request's bytes pass the threshold)`;
}

export async function run(): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'ouro-bench-context-'));
  try {
    const paths = await writeProject(folder);
    const without = await runConversation(folder, paths, false);
    const withCompaction = await runConversation(folder, paths, true);
    const saved = 1 - withCompaction.chat.reduce((a, b) => a + b, 0) / without.chat.reduce((a, b) => a + b, 0);
    return [
      `${STEPS} steps, each reading one of 20 files (5 to 80 lines) with read_file; tokens counted with o200k`,
      ...describe('without compaction (no window)', without),
      ...describe(`with compaction (window ${WINDOW.toLocaleString('en-US')}, threshold 80%, target 50%)`, withCompaction),
      `compaction sends ${Math.round(saved * 100)}% fewer tokens`,
      ...(await loadTime(folder)),
      tokenizerLoadTime(),
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
