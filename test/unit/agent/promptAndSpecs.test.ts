import { strict as assert } from 'node:assert';
import { encode } from 'gpt-tokenizer';
import { z } from 'zod';
import { buildSystemPrompt } from '../../../src/agent/prompt';
import { createTools } from '../../../src/agent/tools/index';
import { defineTool } from '../../../src/agent/tools/tool';
import { compactSchema, toolSpecs } from '../../../src/agent/toolSpecs';

describe('tool specs', () => {
  const readLike = defineTool({
    name: 'read_thing',
    description: 'Read a thing.',
    schema: z.object({
      path: z.string().describe('Relative path'),
      start_line: z.number().int().min(1).optional(),
      recursive: z.boolean().default(false),
    }),
    kind: 'read',
    run: async () => ({ content: '' }),
  });

  it('generates the JSON schema from the zod schema, without $schema or the safe-integer bounds', () => {
    assert.deepEqual(toolSpecs([readLike]), [
      {
        name: 'read_thing',
        description: 'Read a thing.',
        parameters: {
          type: 'object',
          properties: {
            path: { type: 'string', description: 'Relative path' },
            start_line: { type: 'integer', minimum: 1 },
            recursive: { default: false, type: 'boolean' },
          },
          required: ['path'],
        },
      },
    ]);
  });

  it('keeps bounds a tool set itself', () => {
    assert.deepEqual(compactSchema({ type: 'integer', minimum: 0, maximum: 100 }), { type: 'integer', minimum: 0, maximum: 100 });
    assert.deepEqual(compactSchema({ items: [{ maximum: Number.MAX_SAFE_INTEGER }] }), { items: [{}] });
  });
});

describe('system prompt', () => {
  it('names the folder, the machine, and how to use the tools well', () => {
    const prompt = buildSystemPrompt({ folders: ['shop'], os: 'linux', shell: '/bin/bash' });
    assert.match(prompt, /workspace folder shop\. OS: linux, shell: \/bin\/bash\./);
    assert.match(prompt, /relative to the workspace/);
    assert.match(prompt, /Read a file before editing it\. Prefer edit_file/);
    assert.match(prompt, /Keep going until the task is done/);
    assert.match(prompt, /concise/);
  });

  it('tells the model how to name paths in a multi-root workspace', () => {
    assert.match(buildSystemPrompt({ folders: ['api', 'web'] }), /folders api, web \(start each path with its folder name\)/);
  });

  it('appends project rules, and nothing when there are none', () => {
    assert.match(buildSystemPrompt({ folders: ['a'], rules: 'Use tabs.\n' }), /Project rules:\nUse tabs\.$/);
    assert.doesNotMatch(buildSystemPrompt({ folders: ['a'], rules: '  ' }), /Project rules/);
  });

  it('says web search is off unless a search API is set up, and lists web_search only then', () => {
    assert.match(buildSystemPrompt({ folders: ['a'] }), /Web search is off/);
    assert.doesNotMatch(buildSystemPrompt({ folders: ['a'], webSearch: true }), /Web search is off/);
    const names = (tools: ReturnType<typeof createTools>) => tools.map((tool) => tool.name).filter((name) => /fetch_url|web_search/.test(name));
    assert.deepEqual(names(createTools()), ['fetch_url']);
    assert.deepEqual(names(createTools({ search: { provider: 'searxng', url: 'http://localhost:8888' } })), ['fetch_url', 'web_search']);
  });

  it('stays small: under 250 tokens without rules', () => {
    const tokens = encode(buildSystemPrompt({ folders: ['project'], os: 'linux', shell: '/bin/bash' })).length;
    assert.ok(tokens < 250, `${tokens} tokens`);
  });
});

describe('what every request pays before the user says a word', () => {
  it('the system prompt plus every registered tool spec stays under 1,500 tokens', () => {
    const specs = toolSpecs(createTools());
    const wire = JSON.stringify(specs.map((spec) => ({ type: 'function', function: spec })));
    const tokens = encode(buildSystemPrompt({ folders: ['project'], os: 'linux', shell: '/bin/bash' })).length + encode(wire).length;
    assert.ok(specs.length >= 2);
    assert.ok(tokens < 1500, `${tokens} tokens`);
    assert.doesNotMatch(wire, /\$schema|9007199254740991/);
  });
});
