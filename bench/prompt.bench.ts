// What Ouro sends before the user says a word: the system prompt plus every tool spec, in
// tokens (o200k, as counted by gpt-tokenizer). Goal: under 1,500.
import { encode } from 'gpt-tokenizer';
import { buildSystemPrompt } from '../src/agent/prompt';
import { SkillLibrary } from '../src/agent/skills/skillLibrary';
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
  // Skills add a line each to the prompt and the use_skill tool to the specs.
  const skills = [
    { name: 'deploy', description: 'Deploy the app to staging and check it is healthy.' },
    { name: 'release-notes', description: 'Write release notes from the commits since the last tag.' },
  ];
  const withSkills =
    encode(buildSystemPrompt({ folders: ['project'], os: 'linux', shell: '/bin/bash', skills })).length +
    encode(JSON.stringify(toolSpecs(createTools({ skills: new SkillLibrary([]) })).map((spec) => ({ type: 'function', function: spec })))).length;
  return [
    `system prompt       ${systemTokens} tokens`,
    `tool specs (${specs.length})      ${toolTokens} tokens`,
    ...perTool,
    `total               ${total} tokens (goal: under ${GOAL}; ${total < GOAL ? 'met' : 'NOT met'})`,
    `with 2 skills       ${withSkills} tokens (their names and descriptions, and use_skill)`,
  ];
}
