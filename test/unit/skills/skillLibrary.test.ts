// Skills from the project (through the Workspace port) and from the user's skills folder (a
// reader that sees nothing else of the home folder), on real temp folders.
import * as assert from 'node:assert/strict';
import { encode } from 'gpt-tokenizer';
import { buildSystemPrompt } from '../../../src/agent/prompt';
import { SkillLibrary } from '../../../src/agent/skills/skillLibrary';
import { homeSkillReader, workspaceSkillReaders } from '../../../src/agent/skills/skillReaders';
import { createToolContext } from '../../../src/agent/toolContext';
import { toolSpecs } from '../../../src/agent/toolSpecs';
import { createTools, findTool } from '../../../src/agent/tools/index';
import type { ToolResult } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { addToTree, useTempTrees } from '../workspace/tempTree';

const skill = (name: string, description: string, body = '') => `---\nname: ${name}\ndescription: ${description}\n---\n${body}`;

describe('skills', () => {
  const temp = useTempTrees();

  async function library() {
    const project = await temp.tree({
      '.ouro/skills/deploy/SKILL.md': skill('deploy', 'Deploy to staging.', '# Deploy\nRun scripts/deploy.sh, then check /health.\n'),
      '.ouro/skills/deploy/scripts/deploy.sh': 'echo deploying\n',
      '.ouro/skills/deploy/reference.md': 'Staging is at port 8080.\n',
      '.ouro/skills/broken/SKILL.md': 'no front matter',
      '.ouro/skills/notes/README.md': 'not a skill',
    });
    const home = await temp.tree({
      'outside.txt': 'the rest of the home folder',
      'skills/deploy/SKILL.md': skill('deploy', 'My own deploy, shadowed by the project.'),
      'skills/review/SKILL.md': skill('review', 'Review a change like a senior engineer.', 'Read the diff twice.'),
      'skills/review/checklist.md': '- tests\n- names\n',
    });
    const readers = [...workspaceSkillReaders(new NodeWorkspace(project)), homeSkillReader(`${home}/skills`)];
    return { project, home, skills: new SkillLibrary(readers) };
  }

  async function useSkill(skills: SkillLibrary, args: Record<string, unknown>): Promise<ToolResult> {
    const tool = findTool(createTools({ skills }), 'use_skill')!;
    const ctx = createToolContext({ workspace: new NodeWorkspace(await temp.tree()), approver: { approve: async () => ({ approved: true }) }, signal: new AbortController().signal }, 'c1', () => undefined);
    return tool.run(tool.schema.parse(args), ctx);
  }

  it('lists the project\'s and the user\'s skills by name and description, the project\'s first, and says which folders are not skills', async () => {
    const { skills } = await library();
    const listed = await skills.list();
    assert.deepEqual(listed.skills, [
      { name: 'deploy', description: 'Deploy to staging.', location: '.ouro/skills/deploy' },
      { name: 'review', description: 'Review a change like a senior engineer.', location: '~/.ouro/skills/review' },
    ]);
    assert.deepEqual(listed.problems, [
      '.ouro/skills/broken/SKILL.md: it does not start with front matter (a line "---", then name: and description:, then "---").',
      '.ouro/skills/notes/SKILL.md: there is none, so the folder is not a skill.',
    ]);
  });

  it('puts only names and descriptions into the prompt', async () => {
    const { skills } = await library();
    const prompt = buildSystemPrompt({ folders: ['p'], skills: (await skills.list()).skills });
    assert.match(prompt, /Skills \(load one with use_skill when the task calls for it\):\n- deploy: Deploy to staging\.\n- review: Review a change like a senior engineer\.$/);
    assert.doesNotMatch(prompt, /scripts\/deploy\.sh|Read the diff/);
    assert.doesNotMatch(buildSystemPrompt({ folders: ['p'], skills: [] }), /Skills/);
  });

  it('use_skill loads the instructions and lists the skill\'s files', async () => {
    const { skills } = await library();
    const result = await useSkill(skills, { name: 'deploy' });
    assert.deepEqual(result, {
      content:
        'Skill deploy (.ouro/skills/deploy):\n\n# Deploy\nRun scripts/deploy.sh, then check /health.\n\n' +
        'Files in .ouro/skills/deploy/ (read one with use_skill and file): reference.md, scripts/deploy.sh',
    });
  });

  it('use_skill reads a file of a skill in the user\'s folder, which the file tools cannot reach', async () => {
    const { skills } = await library();
    assert.deepEqual(await useSkill(skills, { name: 'review', file: 'checklist.md' }), { content: '- tests\n- names\n' });
  });

  it('use_skill reads only files the skill lists, nothing around it', async () => {
    const { skills } = await library();
    for (const file of ['../../outside.txt', '../deploy/SKILL.md', '/etc/passwd']) {
      const result = await useSkill(skills, { name: 'review', file });
      assert.equal(result.isError, true);
      assert.equal(result.content, `~/.ouro/skills/review has no file "${file}". Its files: checklist.md.`);
    }
  });

  it('use_skill names the skills there are when asked for one that is not, and says why a broken one cannot be used', async () => {
    const { skills } = await library();
    assert.equal((await useSkill(skills, { name: 'ship' })).content, 'There is no skill named "ship". The skills are: deploy, review.');
    assert.match((await useSkill(skills, { name: 'broken' })).content, /^The skill \.ouro\/skills\/broken cannot be used: its SKILL\.md: it does not start with front matter/);
  });

  it('finds a skill written after the list was made', async () => {
    const { project, skills } = await library();
    await skills.list();
    await addToTree(project, { '.ouro/skills/release/SKILL.md': skill('release', 'Cut a release.', 'Tag it.') });
    assert.match((await useSkill(skills, { name: 'release' })).content, /^Skill release \(\.ouro\/skills\/release\):\n\nTag it\.$/);
  });

  it('keeps the prompt, two skills and every tool spec with use_skill under 1,500 tokens', async () => {
    const { skills } = await library();
    const prompt = buildSystemPrompt({ folders: ['project'], os: 'linux', shell: '/bin/bash', skills: (await skills.list()).skills });
    const wire = JSON.stringify(toolSpecs(createTools({ skills })).map((spec) => ({ type: 'function', function: spec })));
    const tokens = encode(prompt).length + encode(wire).length;
    assert.ok(wire.includes('"use_skill"') && wire.includes('"remember"'));
    assert.ok(tokens < 1500, `${tokens} tokens`);
  });
});
