import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { runAgent } from './src/agent/loop';
import { defineTool } from './src/agent/tools/tool';
import { NodeWorkspace } from './src/agent/workspace/nodeWorkspace';
import { OpenAICompatibleModel } from './src/llm/openaiCompatible';
import { reply, startMockServer, text, toolCall, type Turn } from './test/fixtures/mockOpenAI';
const STEPS = 400;
const noop = defineTool({ name: 'noop', description: 'Does nothing.', schema: z.object({ n: z.number() }), kind: 'read', run: async ({ n }) => ({ content: `ok ${n}` }) });
(async () => {
  for (let r = 0; r < 3; r++) {
  const turns: Turn[] = [];
  for (let i = 0; i < STEPS - 1; i++) turns.push(reply(...toolCall('noop', { n: i })));
  turns.push(reply(...text('done')));
  const server = await startMockServer(turns);
  const model = new OpenAICompatibleModel({ baseURL: server.url, apiKey: 'k', model: 'mock-model' });
  const workspace = new NodeWorkspace(mkdtempSync(join(tmpdir(), 'p-')));
  const conversation = { id: 'bench', messages: [{ role: 'user' as const, content: 'go' }] };
  const t = performance.now();
  for await (const _ of runAgent(conversation, { model, tools: [noop], workspace, approver: { approve: async () => ({ approved: true }) }, maxSteps: STEPS })) { /* */ }
  console.log(((performance.now() - t) / STEPS).toFixed(3), 'ms/step');
  await server.close();
  }
})();
