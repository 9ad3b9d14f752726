// The editor's tools for a chat: built-in and self-made, read again only when the file watcher or
// a write under .ouro/ says something changed, with skills and use_skill as they come.
import assert from 'node:assert/strict';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { SkillLibrary } from '../../../src/agent/skills/skillLibrary';
import { workspaceSkillReaders } from '../../../src/agent/skills/skillReaders';
import { createToolContext } from '../../../src/agent/toolContext';
import { createTools } from '../../../src/agent/tools/index';
import type { Tool } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { ChatToolSource } from '../../../src/host/chat/chatToolSource';
import { countLinesTool } from '../customTools/countLinesTool';
import { addToTree, makeTree, removeTree } from '../workspace/tempTree';

const SKILL = '---\nname: release\ndescription: How to cut a release.\n---\nTag it.\n';

describe("the editor's tool source for a chat", () => {
  let root: string;
  let workspace: NodeWorkspace;
  let problems: string[];
  let wrappedFor: string[];
  const signal = new AbortController().signal;

  beforeEach(async () => {
    root = await makeTree({ 'src/a.txt': 'one\ntwo\n' });
    // Writes under .ouro/tools are protected: they ask even with edits allowed, and the user says yes.
    workspace = new NodeWorkspace(root, { approve: 'edits', confirm: async () => true });
    problems = [];
    wrappedFor = [];
  });
  afterEach(() => removeTree(root));

  function source(): ChatToolSource {
    return new ChatToolSource({
      workspace,
      skills: new SkillLibrary(workspaceSkillReaders(workspace)),
      builtIn: (skills) => createTools({ skills }),
      forChat: (tool) => (wrappedFor.push(tool.name), { ...tool }),
      onProblem: (problem) => problems.push(problem),
    });
  }
  const names = (tools: readonly Tool[]) => tools.map((tool) => tool.name);

  it('passes on the notes from elsewhere (problems reported after an edit) with the next step, once', async () => {
    const late = ['Problems showed up in src/a.ts after your edit.'];
    const tools = new ChatToolSource({
      workspace,
      skills: new SkillLibrary(workspaceSkillReaders(workspace)),
      builtIn: (skills) => createTools({ skills }),
      forChat: (tool) => tool,
      lateNotes: () => late.splice(0),
    });
    assert.deepEqual((await tools.forStep(signal)).notes, ['Problems showed up in src/a.ts after your edit.']);
    assert.deepEqual((await tools.forStep(signal)).notes, []);
  });

  it('offers the same wrapped list while nothing changes, and reads .ouro/tools again only when told', async () => {
    const tools = source();
    const first = await tools.forStep(signal);
    assert.equal(names(first.tools).includes('count_lines'), false);
    assert.equal(names(first.tools).includes('use_skill'), false, 'no use_skill without skills');
    await addToTree(root, countLinesTool());
    const second = await tools.forStep(signal);
    assert.equal(second.tools, first.tools, 'not read again without a change');
    const wraps = wrappedFor.length;
    tools.toolsChanged();
    const third = await tools.forStep(signal);
    assert.ok(names(third.tools).includes('count_lines'));
    assert.equal(wrappedFor.length, wraps + 1, 'only the new tool is wrapped again');
  });

  it('offers a tool written through a write_file call from the next step, with a broken one reported first', async () => {
    const tools = source();
    const run = async (name: string, args: Record<string, unknown>) => {
      const tool = (await tools.forStep(signal)).tools.find((candidate) => candidate.name === name)!;
      const ctx = createToolContext({ workspace, approver: { approve: async () => ({ approved: true }) }, signal, commands: new NodeCommandRunner() }, `call-${name}`, () => {});
      return tool.run(args, ctx);
    };
    const files = countLinesTool();
    await run('write_file', { path: '.ouro/tools/count_lines/count.mjs', content: files['.ouro/tools/count_lines/count.mjs'] });
    await run('write_file', { path: '.ouro/tools/count_lines/tool.json', content: '{"name": "count_lines"}' });
    const broken = await tools.forStep(signal);
    assert.equal(names(broken.tools).includes('count_lines'), false);
    assert.match(broken.notes?.join('\n') ?? '', /\.ouro\/tools\/count_lines\/tool\.json is not a usable tool: /);
    assert.deepEqual(problems, ['.ouro/tools/count_lines/ has no tool.json, so it is not a tool yet.', ...broken.notes!]);

    await run('write_file', { path: '.ouro/tools/count_lines/tool.json', content: files['.ouro/tools/count_lines/tool.json'] });
    const fixed = await tools.forStep(signal);
    assert.ok(names(fixed.tools).includes('count_lines'));
    assert.deepEqual(fixed.notes, []);
    const counted = await run('count_lines', { path: 'src/a.txt' });
    assert.match(counted.content, /^Exit code 0\b/);
  });

  it('adds use_skill and tells the model about a skill that appears during the chat', async () => {
    const tools = source();
    await tools.forStep(signal);
    await addToTree(root, { '.ouro/skills/release/SKILL.md': SKILL, '.ouro/skills/broken/SKILL.md': 'no front matter' });
    tools.skillsChanged();
    const step = await tools.forStep(signal);
    assert.ok(names(step.tools).includes('use_skill'));
    assert.ok(step.notes?.includes('New skill release: How to cut a release. (load it with use_skill).'), JSON.stringify(step.notes));
    assert.ok(step.notes?.some((note) => note.startsWith('.ouro/skills/broken/SKILL.md: ')), JSON.stringify(step.notes));
    tools.skillsChanged();
    assert.deepEqual((await tools.forStep(signal)).notes, [], 'each said once');
  });
});
