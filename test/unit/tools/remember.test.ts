import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendLesson, lessonProblem, MAX_LESSON_CHARS } from '../../../src/agent/rules/lessons';
import { loadProjectRules } from '../../../src/agent/rules/projectRules';
import { createRememberTool, LEARNED_RULES_FILE, rememberTool } from '../../../src/agent/tools/remember';
import { allPaths, useTempTrees } from '../workspace/tempTree';
import { ScriptedWorkspace, runTool } from './fileToolHarness';

describe('remember', () => {
  const temp = useTempTrees();

  it('proposes adding the lesson to AGENTS.md under a lessons heading, and writes it when accepted', async () => {
    const root = await temp.tree({ 'AGENTS.md': '# Project\n\nRun npm test.\n' });
    const workspace = new ScriptedWorkspace(root);
    const result = await runTool(rememberTool, { lesson: 'The API tests need `docker compose up db` first.' }, workspace);
    assert.equal(result.isError, undefined, result.content);
    assert.match(result.content, /^Remembered in AGENTS\.md: The API tests need `docker compose up db` first\. It is part of the project rules from the next conversation on\.$/);
    assert.deepEqual(
      workspace.proposals.map(({ path, original, summary }) => ({ path, original, summary })),
      [{ path: 'AGENTS.md', original: '# Project\n\nRun npm test.\n', summary: 'remember: add a lesson to AGENTS.md' }],
    );
    assert.equal(
      await readFile(join(root, 'AGENTS.md'), 'utf8'),
      '# Project\n\nRun npm test.\n\n## Lessons learned\n\n- The API tests need `docker compose up db` first.\n',
    );
  });

  it('creates AGENTS.md when the project has none', async () => {
    const root = await temp.tree({});
    await runTool(rememberTool, { lesson: 'Use pnpm, not npm.' }, new ScriptedWorkspace(root));
    assert.equal(await readFile(join(root, 'AGENTS.md'), 'utf8'), '## Lessons learned\n\n- Use pnpm, not npm.\n');
  });

  it('writes nothing and says so when the user rejects the lesson', async () => {
    const root = await temp.tree({ 'AGENTS.md': 'Rules.\n' });
    const workspace = new ScriptedWorkspace(root, async () => ({ status: 'rejected', reason: 'not true' }));
    const result = await runTool(rememberTool, { lesson: 'Tabs, not spaces.' }, workspace);
    assert.equal(result.isError, true);
    assert.match(result.content, /rejected: not true.*Nothing was written\./);
    assert.equal(await readFile(join(root, 'AGENTS.md'), 'utf8'), 'Rules.\n');
  });

  it('refuses an empty lesson, a very long one and one already there, without proposing anything', async () => {
    const root = await temp.tree({ 'AGENTS.md': '## Lessons learned\n\n- Use pnpm, not npm.\n' });
    const workspace = new ScriptedWorkspace(root);
    const empty = await runTool(rememberTool, { lesson: '  \n ' }, workspace);
    assert.match(empty.content, /lesson is empty/);
    const long = await runTool(rememberTool, { lesson: 'x'.repeat(MAX_LESSON_CHARS + 1) }, workspace);
    assert.match(long.content, new RegExp(`lesson is ${MAX_LESSON_CHARS + 1} characters; keep it under ${MAX_LESSON_CHARS}`));
    const again = await runTool(rememberTool, { lesson: 'use PNPM,  not npm' }, workspace);
    assert.match(again.content, /AGENTS\.md already says this; nothing was written/);
    assert.ok([empty, long, again].every((result) => result.isError));
    assert.deepEqual(workspace.proposals, []);
  });

  it('writes to .ouro/rules/learned.md when configured, which the project rules then load', async () => {
    const root = await temp.tree({ 'AGENTS.md': 'Hand-written rules.\n' });
    const workspace = new ScriptedWorkspace(root);
    const result = await runTool(createRememberTool({ file: LEARNED_RULES_FILE }), { lesson: 'Migrations live in db/migrate.' }, workspace);
    assert.match(result.content, /^Remembered in \.ouro\/rules\/learned\.md/);
    assert.equal(await readFile(join(root, 'AGENTS.md'), 'utf8'), 'Hand-written rules.\n');
    assert.deepEqual(await allPaths(root), ['.ouro', '.ouro/rules', '.ouro/rules/learned.md', 'AGENTS.md']);
    const rules = await loadProjectRules(workspace);
    assert.deepEqual(rules.files.map((file) => file.path), ['AGENTS.md', '.ouro/rules/learned.md']);
    assert.match(rules.text, /- Migrations live in db\/migrate\.$/);
  });

  it('keeps the file\'s CRLF line endings and byte-order mark', async () => {
    const root = await temp.tree({ 'AGENTS.md': '\uFEFF# Rules\r\nBe kind.\r\n' });
    await runTool(rememberTool, { lesson: 'Say why.' }, new ScriptedWorkspace(root));
    assert.equal(await readFile(join(root, 'AGENTS.md'), 'utf8'), '\uFEFF# Rules\r\nBe kind.\r\n\r\n## Lessons learned\r\n\r\n- Say why.\r\n');
  });
});

describe('lessons in a rules file', () => {
  const cases: Array<[string, string, string]> = [
    ['an empty file gets the heading', '', '## Lessons learned\n\n- New.\n'],
    ['a file without the heading gets it at the end', '# A\n\ntext\n\n\n', '# A\n\ntext\n\n## Lessons learned\n\n- New.\n'],
    ['an empty lessons section gets its first bullet', '## Lessons learned\n', '## Lessons learned\n\n- New.\n'],
    ['the bullet goes after the last lesson', '## Lessons learned\n\n- Old.\n', '## Lessons learned\n\n- Old.\n- New.\n'],
    [
      'a section followed by another heading keeps its blank line',
      '# T\n\n## Lessons learned\n\n- Old.\n\n\n## Build\nmake\n',
      '# T\n\n## Lessons learned\n\n- Old.\n- New.\n\n## Build\nmake\n',
    ],
    ['deeper headings inside the section do not end it', '## Lessons learned\n### Tests\n- Old.\n', '## Lessons learned\n### Tests\n- Old.\n- New.\n'],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => assert.equal(appendLesson(before, 'New.'), after));
  }

  it('writes a lesson as one line with single spaces and one bullet', () => {
    assert.equal(appendLesson('', '- Two\n  lines.'), '## Lessons learned\n\n- Two lines.\n');
  });

  it('counts a lesson as known regardless of case, spacing, bullet and final full stop', () => {
    assert.match(lessonProblem('Run make first', '* run  MAKE first.\n', 'AGENTS.md') ?? '', /already says this/);
    assert.equal(lessonProblem('Run make first', 'Never run make first.\n', 'AGENTS.md'), undefined);
  });
});
