// What Ouro sends before the user says a word: the system prompt plus every tool spec, in
// tokens (o200k, as counted by gpt-tokenizer). Goal: under 1,500.
import { encode } from 'gpt-tokenizer';
import { buildSystemPrompt } from '../src/agent/prompt';
import { createTools } from '../src/agent/tools/index';
import { toolSpecs } from '../src/agent/toolSpecs';

const GOAL = 1500;

export async function run(): Promise<string[]> {
  const system = buildSystemPrompt({ folders: ['project'], os: 'linux', shell: '/bin/bash' });
  const specs = toolSpecs(createTools());
  // The tools go on the wire in the OpenAI `tools` shape; count that JSON.
  const wire = specs.map((spec) => ({ type: 'function', function: spec }));
  const systemTokens = encode(system).length;
  const perTool = specs.map((spec) => `  ${spec.name.padEnd(16)} ${encode(JSON.stringify({ type: 'function', function: spec })).length}`);
  const toolTokens = encode(JSON.stringify(wire)).length;
  const total = systemTokens + toolTokens;
  return [
    `system prompt       ${systemTokens} tokens`,
    `tool specs (${specs.length})      ${toolTokens} tokens`,
    ...perTool,
    `total               ${total} tokens (goal: under ${GOAL}; ${total < GOAL ? 'met' : 'NOT met'})`,
  ];
}
