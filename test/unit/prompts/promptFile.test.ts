import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandPrompt, parsePromptFile, promptInputs } from '../../../src/agent/prompts/promptFile';
import { findPrompt, listPrompts } from '../../../src/agent/prompts/promptLibrary';
import { homePromptSource, workspacePromptSources } from '../../../src/agent/markdownFiles/markdownSources';
import { namedToolSource } from '../../../src/agent/prompts/promptTools';
import { createTools } from '../../../src/agent/tools/index';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';

describe('prompt files', () => {
  describe('parsing', () => {
    it('reads the front matter VS Code defines and the text after it', () => {
      const text = '---\ndescription: Review a file\nmode: ask\ntools: [read_file, search_files]\nmodel: gpt-4o\n---\nReview $ARGUMENTS.\n';
      assert.deepEqual(parsePromptFile(text, 'review', '.github/prompts/review.prompt.md'), {
        ok: true,
        prompt: { name: 'review', description: 'Review a file', mode: 'ask', tools: ['read_file', 'search_files'], model: 'gpt-4o', body: 'Review $ARGUMENTS.', source: '.github/prompts/review.prompt.md' },
      });
    });

    it("takes VS Code's mode: edit as Agent, the mode that edits with the person reviewing", () => {
      const check = parsePromptFile('---\nmode: edit\n---\nRename $ARGUMENTS.\n', 'rename', '.github/prompts/rename.prompt.md');
      assert.ok(check.ok, JSON.stringify(check));
      assert.equal(check.prompt.mode, 'agent');
    });

    it('takes a file without front matter as all text', () => {
      const check = parsePromptFile('Explain $ARGUMENTS simply.\n', 'explain', '.ouro/commands/explain.md');
      assert.ok(check.ok);
      assert.equal(check.prompt.body, 'Explain $ARGUMENTS simply.');
      assert.equal(check.prompt.description, undefined);
    });

    it('says clearly what is wrong with a bad file', () => {
      const bad = (text: string, name = 'x') => {
        const check = parsePromptFile(text, name, 'x.md');
        assert.ok(!check.ok);
        return check.problem;
      };
      assert.match(bad('---\nmode: yolo\n---\nhi'), /mode: use one of agent, ask, plan/);
      assert.match(bad('---\ntools: read_file\n---\nhi'), /tools: /);
      assert.match(bad('---\ndescription: [unclosed\n---\nhi'), /front matter is not valid YAML/);
      assert.match(bad('---\ndescription: nothing\n---\n'), /no text after its front matter/);
      assert.match(bad('hi', 'has space'), /its name must be letters, digits/);
    });
  });

  describe('expanding', () => {
    it('puts the words after the name where $ARGUMENTS is, every time', () => {
      assert.deepEqual(expandPrompt('Fix $ARGUMENTS, then test $ARGUMENTS.', 'src/a.ts'), { text: 'Fix src/a.ts, then test src/a.ts.', missing: [] });
    });

    it('fills ${input:name} from name=value arguments, quoted or not, and the rest is $ARGUMENTS', () => {
      const body = 'Rename ${input:from} to ${input:to:new name} in $ARGUMENTS.';
      assert.deepEqual(promptInputs(body), [{ name: 'from' }, { name: 'to', placeholder: 'new name' }]);
      assert.deepEqual(expandPrompt(body, 'from=oldName src/a.ts to="the new name"'), { text: 'Rename oldName to the new name in src/a.ts.', missing: [] });
    });

    it('reports the inputs not given, and fills them once they are', () => {
      const body = 'Write a test for ${input:fn:function name}.';
      const first = expandPrompt(body, '');
      assert.deepEqual(first.missing, [{ name: 'fn', placeholder: 'function name' }]);
      assert.equal(expandPrompt(body, '', { fn: 'sum' }).text, 'Write a test for sum.');
    });

    it('keeps words given to a file without $ARGUMENTS, after its text, and leaves $ in them alone', () => {
      assert.equal(expandPrompt('Tidy the imports.', 'only in src/').text, 'Tidy the imports.\n\nonly in src/');
      assert.equal(expandPrompt('Echo $ARGUMENTS', "costs $& and $1").text, 'Echo costs $& and $1');
    });
  });

  describe('listing', () => {
    let dir: string;
    let home: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ouro-prompts-'));
      home = mkdtempSync(join(tmpdir(), 'ouro-home-commands-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    });
    const write = (root: string, path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    it('reads .github/prompts, .ouro/commands and the home folder, reporting bad files, built-in names and repeats', async () => {
      write(dir, '.github/prompts/review.prompt.md', '---\ndescription: Review a file\n---\nReview $ARGUMENTS.');
      write(dir, '.github/prompts/notes.md', 'not a prompt file: no .prompt.md');
      write(dir, '.ouro/commands/explain.md', 'Explain $ARGUMENTS.');
      write(dir, '.ouro/commands/bad.md', '---\nmode: yolo\n---\nhi');
      write(dir, '.ouro/commands/new.md', 'clashes with a built-in');
      write(home, 'explain.md', 'the user\'s own, shadowed by the workspace\'s');
      write(home, 'mine.md', '---\ndescription: Mine\n---\nMine: $ARGUMENTS');
      const sources = [...workspacePromptSources(new NodeWorkspace(dir)), homePromptSource(home, '~/.ouro/commands')];
      const list = await listPrompts(sources, new Set(['new']));
      assert.deepEqual(list.prompts.map((prompt) => [prompt.name, prompt.source]), [
        ['review', '.github/prompts/review.prompt.md'],
        ['explain', '.ouro/commands/explain.md'],
        ['mine', '~/.ouro/commands/mine.md'],
      ]);
      assert.deepEqual(list.problems, [
        '.ouro/commands/bad.md: mode: use one of agent, ask, plan',
        '.ouro/commands/new.md: new is a built-in command; rename the file',
        '~/.ouro/commands/explain.md: explain is .ouro/commands/explain.md already; this one is not used',
      ]);
      assert.equal(findPrompt(list, 'mine')?.description, 'Mine');
    });

    it('lists nothing, and no problem, where there are no such folders', async () => {
      assert.deepEqual(await listPrompts([...workspacePromptSources(new NodeWorkspace(dir)), homePromptSource(join(home, 'none'))]), { prompts: [], problems: [] });
    });
  });
});

describe("a prompt file's tools", () => {
  it('offers only the tools it names, the same list while its source does', async () => {
    const all = createTools();
    const source = namedToolSource(['read_file', 'search_files', 'no_such_tool'], async () => ({ tools: all }));
    const first = await source(new AbortController().signal);
    assert.deepEqual(first.tools.map((tool) => tool.name), ['read_file', 'search_files']);
    assert.equal((await source(new AbortController().signal)).tools, first.tools);
  });
});
