// The CLI offers the project's and the user's skills: names and descriptions in the system
// prompt, the instructions only when the model asks for them with use_skill.
import * as assert from 'node:assert/strict';
import { reply, text, toolCall } from '../../fixtures/mockOpenAI';
import { runCli, useMockServers } from '../cli/cliProcess';
import { useTempTrees } from '../workspace/tempTree';

describe('the CLI with skills', function () {
  this.timeout(30_000);
  const temp = useTempTrees();
  const servers = useMockServers();

  it('names every skill in the system prompt and loads one with use_skill', async () => {
    const project = await temp.tree({ '.ouro/skills/deploy/SKILL.md': '---\nname: deploy\ndescription: Deploy to staging.\n---\nRun scripts/deploy.sh.\n' });
    const home = await temp.tree({ '.ouro/skills/review/SKILL.md': '---\nname: review\ndescription: Review a change.\n---\nRead the diff twice.\n' });
    const server = await servers.start([reply(toolCall('use_skill', { name: 'review' })), reply(text('Reviewed.'))]);
    const run = await runCli(['--cwd', project, '--base-url', server.url, '--api-key', 'k', '--model', 'm', 'review my change'], { HOME: home });
    assert.equal(run.code, 0, run.stderr);

    const system = String(server.requests[0].messages[0].content);
    assert.match(system, /\n- deploy: Deploy to staging\.\n- review: Review a change\.$/);
    assert.doesNotMatch(system, /Run scripts|Read the diff/);
    assert.ok((server.requests[0].tools ?? []).some((tool) => tool.function.name === 'use_skill'));
    assert.equal(server.requests[1].messages.at(-1)?.content, 'Skill review (~/.ouro/skills/review):\n\nRead the diff twice.');
  });

  it('offers no use_skill when there are no skills', async () => {
    const project = await temp.tree({});
    const home = await temp.tree({});
    const server = await servers.start([reply(text('Hi.'))]);
    const run = await runCli(['--cwd', project, '--base-url', server.url, '--api-key', 'k', '--model', 'm', 'hello'], { HOME: home });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!(server.requests[0].tools ?? []).some((tool) => tool.function.name === 'use_skill'));
    assert.doesNotMatch(String(server.requests[0].messages[0].content), /Skills/);
  });
});
