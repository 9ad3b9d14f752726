// What the loop bench measures, bundled as the extension ships (minified, without the wrappers
// the test-time compiler adds to every function), so the ratio is the shipped loop's.
import { z } from 'zod';
import { defineTool } from '../src/agent/tools/tool';

export { runAgent } from '../src/agent/loop';
export { toolSpecs } from '../src/agent/toolSpecs';
export { NodeWorkspace } from '../src/agent/workspace/nodeWorkspace';
export { OpenAICompatibleModel } from '../src/llm/openaiCompatible';

export const noop = defineTool({
  name: 'noop',
  description: 'Does nothing.',
  schema: z.object({ n: z.number() }),
  kind: 'read',
  run: async ({ n }) => ({ content: `ok ${n}` }),
});
