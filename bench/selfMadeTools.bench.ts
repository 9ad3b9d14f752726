// What self-made tools cost the CLI, which reads .ouro/tools again before every step: the first
// load (schemas compiled), a reload when nothing changed, and a reload with no tools at all.
// Goal: a reload of 10 tools well under 100 ms, next to a model call that takes seconds.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomToolSource } from '../src/agent/customTools/customToolSource';
import { createTools } from '../src/agent/tools/index';
import { NodeWorkspace } from '../src/agent/workspace/nodeWorkspace';

const TOOLS = 10;
const RELOADS = 30;

export async function run(): Promise<string[]> {
  const withTools = await mkdtemp(join(tmpdir(), 'ouro-bench-tools-'));
  const without = await mkdtemp(join(tmpdir(), 'ouro-bench-tools-'));
  try {
    for (let i = 0; i < TOOLS; i++) {
      const folder = join(withTools, '.ouro/tools', `tool_${i}`);
      await mkdir(folder, { recursive: true });
      const parameters = { type: 'object', properties: { path: { type: 'string' }, limit: { type: 'integer', minimum: 1 } }, required: ['path'] };
      await writeFile(join(folder, 'tool.json'), JSON.stringify({ name: `tool_${i}`, description: 'A bench tool.', parameters, command: 'run.mjs' }));
      await writeFile(join(folder, 'run.mjs'), '');
    }
    const source = new CustomToolSource(new NodeWorkspace(withTools), createTools());
    const first = await timed(() => source.forStep());
    const reload = await median(() => source.forStep());
    const empty = new CustomToolSource(new NodeWorkspace(without), createTools());
    const none = await median(() => empty.forStep());
    return [
      `first load of ${TOOLS} tools   ${first.toFixed(1)} ms`,
      `reload of ${TOOLS} tools       ${reload.toFixed(1)} ms (median of ${RELOADS}; goal: under 100 ms)`,
      `reload with no tools     ${none.toFixed(2)} ms`,
    ];
  } finally {
    await Promise.all([rm(withTools, { recursive: true, force: true }), rm(without, { recursive: true, force: true })]);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RELOADS; i++) times.push(await timed(work));
  return times.sort((a, b) => a - b)[Math.floor(RELOADS / 2)];
}
