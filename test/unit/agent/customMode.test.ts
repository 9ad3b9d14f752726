import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceModeSources } from '../../../src/agent/markdownFiles/markdownSources';
import { withoutModeInstruction } from '../../../src/agent/modes/chatMode';
import { listCustomModes, messageInMode, modeTools, parseModeFile, resolveMode, toolsInMode } from '../../../src/agent/modes/customMode';
import { createTools } from '../../../src/agent/tools/index';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

const REVIEWER = '---\nname: Reviewer\ndescription: Reviews without changing anything\ntools: [read_file, search_files, write_file]\nmodel: big-model\n---\nPoint out bugs; suggest fixes in words.\n';

describe('custom modes', () => {
  it('reads a mode file: its name, description, tools, model and instructions', () => {
    assert.deepEqual(parseModeFile(REVIEWER, 'reviewer', '.ouro/modes/reviewer.md'), {
      ok: true,
      value: {
        id: 'reviewer',
        name: 'Reviewer',
        description: 'Reviews without changing anything',
        tools: ['read_file', 'search_files', 'write_file'],
        model: 'big-model',
        instructions: 'Point out bugs; suggest fixes in words.',
        source: '.ouro/modes/reviewer.md',
      },
    });
  });

  it('says what is wrong with a bad mode file', () => {
    const problem = (text: string, id = 'm') => {
      const check = parseModeFile(text, id, 'm.md');
      assert.ok(!check.ok);
      return check.problem;
    };
    assert.match(problem('---\ntools: read_file\n---\nx'), /tools: /);
    assert.match(problem('---\nname: "say \\"hi\\""\n---\nx'), /leave out double quotes/);
    assert.match(problem('x', 'bad name'), /its name must be letters/);
  });

  it('lists .ouro/modes, refusing the built-in names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouro-modes-'));
    try {
      mkdirSync(join(dir, '.ouro', 'modes'), { recursive: true });
      writeFileSync(join(dir, '.ouro', 'modes', 'reviewer.md'), REVIEWER);
      writeFileSync(join(dir, '.ouro', 'modes', 'ask.md'), 'mine');
      const { modes, problems } = await listCustomModes(workspaceModeSources(new NodeWorkspace(dir)));
      assert.deepEqual(modes.map((mode) => mode.id), ['reviewer']);
      assert.deepEqual(problems, ['.ouro/modes/ask.md: ask is a built-in mode; rename the file']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a message in a custom mode: only the tools it names, and its instructions after the words (not shown again)', async () => {
    const check = parseModeFile(REVIEWER, 'reviewer', 'r.md');
    assert.ok(check.ok);
    const mode = resolveMode('reviewer', [check.value]);
    assert.ok(mode);
    const source = modeTools(mode, async () => ({ tools: createTools() }));
    assert.deepEqual((await source(new AbortController().signal)).tools.map((tool) => tool.name), ['read_file', 'search_files', 'write_file']);
    const content = messageInMode(mode, 'look at sum');
    assert.equal(content, 'look at sum\n\n[Custom mode "Reviewer": Point out bugs; suggest fixes in words.]');
    assert.equal(withoutModeInstruction(content), 'look at sum');
  });

  it('the context meter counts the same tools a message in the mode is offered', async () => {
    const check = parseModeFile(REVIEWER, 'reviewer', 'r.md');
    assert.ok(check.ok);
    for (const mode of [resolveMode('reviewer', [check.value]), resolveMode('ask', []), resolveMode('agent', [])]) {
      assert.ok(mode);
      const offered = (await modeTools(mode, async () => ({ tools: createTools() }))(new AbortController().signal)).tools.map((tool) => tool.name);
      assert.deepEqual(toolsInMode(mode, createTools()).map((tool) => tool.name), offered);
    }
    assert.deepEqual(toolsInMode(resolveMode('reviewer', [check.value])!, createTools()).map((tool) => tool.name), ['read_file', 'search_files', 'write_file']);
  });

  it('a built-in mode resolves without files, and a custom one that is gone does not', () => {
    assert.deepEqual(resolveMode('plan', []), { base: 'plan' });
    assert.equal(resolveMode('reviewer', []), undefined);
  });
});
