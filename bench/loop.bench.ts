// The cost Ouro adds on top of the model: per step of the agent loop against a mock server that
// answers at once, compared with a bare loop written directly on the `openai` package (stream,
// collect the tool call, run it, ask again). Printed as milliseconds per step and as a ratio.
// Both ask for the same stream: with the usage chunk at its end (`stream_options`), which Ouro
// needs for its meter, so the ratio is what the loop adds and not a difference in the request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import OpenAI from 'openai';
import { done, exactly, finish, startMockServer, text, toolCall, usage, type Turn } from '../test/fixtures/mockOpenAI';
import type * as Subjects from './loopSubjects';
import { median } from './stats';

const STEPS = Number(process.env.BENCH_STEPS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** Ouro's time per step over the bare loop's. */
const RATIO_GOAL = 1.2;

/** The loop as it ships: bundled and minified, like dist/extension.js. */
async function shippedLoop(dir: string): Promise<typeof Subjects> {
  const outfile = join(dir, 'loop-subjects.js');
  await build({ entryPoints: [join(__dirname, 'loopSubjects.ts')], bundle: true, minify: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', external: ['vscode'] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as typeof Subjects;
}

let subjects: typeof Subjects;

/** Each reply ends as a real server's does when asked for usage: the finish chunk, the usage chunk, [DONE]. */
function script(): Turn[] {
  const turns: Turn[] = [];
  for (let i = 0; i < STEPS - 1; i++) turns.push(exactly(...toolCall('noop', { n: i }), finish('tool_calls'), usage(100 + i, 10), done()));
  turns.push(exactly(...text('done'), finish('stop'), usage(100 + STEPS, 1), done()));
  return turns;
}

async function ouroLoop(url: string, dir: string): Promise<number> {
  const { OpenAICompatibleModel, NodeWorkspace, runAgent, noop } = subjects;
  const model = new OpenAICompatibleModel({ baseURL: url, apiKey: 'k', model: 'mock-model' });
  const workspace = new NodeWorkspace(dir);
  const conversation = { id: 'bench', messages: [{ role: 'user' as const, content: 'go' }] };
  const started = performance.now();
  for await (const event of runAgent(conversation, {
    model, tools: [noop], workspace, approver: { approve: async () => ({ approved: true }) }, maxSteps: STEPS,
  })) {
    if (event.type === 'done' && event.reason !== 'stop') throw new Error(`ouro loop ended: ${event.reason} ${event.message ?? ''}`);
  }
  return performance.now() - started;
}

async function bareLoop(url: string): Promise<number> {
  const client = new OpenAI({ baseURL: url, apiKey: 'k', maxRetries: 0 });
  const { toolSpecs, noop } = subjects;
  const tools = toolSpecs([noop]).map((spec) => ({ type: 'function' as const, function: spec }));
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'go' }];
  const started = performance.now();
  for (;;) {
    const stream = await client.chat.completions.create({ model: 'mock-model', messages, tools, stream: true, stream_options: { include_usage: true } });
    let content = '';
    const calls: Array<{ id: string; name: string; arguments: string }> = [];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      usage = chunk.usage ?? usage;
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) content += delta.content;
      for (const call of delta?.tool_calls ?? []) {
        const slot = (calls[call.index] ??= { id: '', name: '', arguments: '' });
        slot.id = call.id ?? slot.id;
        slot.name += call.function?.name ?? '';
        slot.arguments += call.function?.arguments ?? '';
      }
    }
    if (!usage) throw new Error('the bare loop got no usage chunk');
    if (calls.length === 0) break;
    messages.push({ role: 'assistant', content, tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) });
    for (const call of calls) {
      const result = await noop.run(JSON.parse(call.arguments), undefined as never);
      messages.push({ role: 'tool', tool_call_id: call.id, content: result.content });
    }
  }
  return performance.now() - started;
}

export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ouro-bench-loop-'));
  subjects = await shippedLoop(dir);
  const ouro: number[] = [];
  const bare: number[] = [];
  try {
    // Alternate the two so that warm-up and machine load fall on both alike.
    for (let round = 0; round < ROUNDS + 1; round++) {
      for (const which of ['ouro', 'bare'] as const) {
        const server = await startMockServer(script());
        try {
          const ms = which === 'ouro' ? await ouroLoop(server.url, dir) : await bareLoop(server.url);
          if (round > 0) (which === 'ouro' ? ouro : bare).push(ms / STEPS);
        } finally {
          await server.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const o = median(ouro);
  const b = median(bare);
  // Each round's two runs are neighbours in time, so their ratio is free of the machine's drift.
  const ratio = median(ouro.map((ms, i) => ms / bare[i]));
  return [
    `${STEPS} steps a run, median of ${ROUNDS} rounds, mock server answering at once, the loop bundled as it ships`,
    `ouro loop           ${o.toFixed(3)} ms/step`,
    `bare openai loop    ${b.toFixed(3)} ms/step`,
    `overhead            ${(o - b).toFixed(3)} ms/step (ratio ${ratio.toFixed(2)}x, the median of each round's, goal ≤ ${RATIO_GOAL}x ${ratio <= RATIO_GOAL ? 'met' : 'NOT met'})`,
  ];
}
