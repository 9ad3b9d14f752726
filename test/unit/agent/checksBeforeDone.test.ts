// Checks before "done" through the real loop: a model that changed files and stops without having
// run the project's checks since is asked once to run them; one that ran them, changed nothing,
// or works in a mode that cannot edit is not.
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checksForTurn } from '../../../src/agent/checks/checksBeforeDone';
import type { ProjectCheck } from '../../../src/agent/checks/projectChecks';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { createTools } from '../../../src/agent/tools/index';
import { StagedWorkspace } from '../../../src/agent/workspace/stagedWorkspace';
import { reply, textReply, toolCall } from '../../fixtures/mockOpenAI';
import { eventsOf, lastEvent, newConversation, useHarness } from './loopHelpers';

const TEST = 'node -e "process.exit(0)"';
const LINT = 'node -e "console.log(1)"';
const checks: ProjectCheck[] = [
  { command: TEST, folder: '.' },
  { command: LINT, folder: '.' },
];
const write = (content = 'new\n') => reply(...toolCall('write_file', { path: 'a.txt', content }));
const run = (command: string) => reply(...toolCall('run_command', { command }));
const REMINDER = `You changed files in this turn and have not run the project's checks since: \`${TEST}\`, \`${LINT}\`. Run each with run_command before you finish, then say in your final answer which passed. If one fails and you cannot fix it, say so plainly.`;

describe('agent loop: checks before done', function () {
  this.timeout(20000);
  const harness = useHarness();
  const options = () => ({ tools: createTools(), commands: new NodeCommandRunner(), checks });

  it('asks a model that edited and stopped, once, naming the checks, and ends when it stops again', async () => {
    const h = await harness([write(), textReply('Done.'), textReply('I did not run them.')]);
    const events = await h.run(newConversation(), options());
    assert.deepEqual(eventsOf(events, 'reminder'), [{ type: 'reminder', text: REMINDER }]);
    assert.equal(h.server.requests.length, 3);
    assert.deepEqual(h.server.requests[2].messages.slice(-2), [
      { role: 'assistant', content: 'Done.' },
      { role: 'user', content: REMINDER },
    ]);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('names only the checks not run since the last change; a check run before it does not count', async () => {
    const h = await harness([run(LINT), write(), run(` ${TEST.replace(' ', '  ')} `), textReply('Done.'), textReply('Lint not run.')]);
    const events = await h.run(newConversation(), options());
    const reminders = eventsOf(events, 'reminder');
    assert.equal(reminders.length, 1);
    assert.match(reminders[0].text, /have not run the project's check since: `node -e "console\.log\(1\)"`\. Run it with run_command/);
  });

  it('does not ask a model that ran every check after its last edit', async () => {
    const h = await harness([write(), run(TEST), write('newer\n'), run(`${TEST} && ${LINT}`), textReply('Both checks passed.')]);
    const events = await h.run(newConversation(), options());
    assert.deepEqual(eventsOf(events, 'reminder'), []);
    assert.equal(h.server.requests.length, 5);
  });

  it('does not ask a model that changed nothing, or whose write was refused', async () => {
    const h = await harness([reply(...toolCall('read_file', { path: 'a.txt' })), textReply('It says old.'), write(), textReply('Could not write it.')], { approve: 'none' });
    await writeFile(join(h.folder, 'a.txt'), 'old\n');
    const refuse = { approve: async () => ({ approved: false, reason: 'no' }) };
    assert.deepEqual(eventsOf(await h.run(newConversation(), options()), 'reminder'), []);
    const refused = await h.run(newConversation(), { ...options(), approver: refuse });
    assert.match(eventsOf(refused, 'tool_result')[0].content, /rejected/);
    assert.deepEqual(eventsOf(refused, 'reminder'), []);
    assert.equal(h.server.requests.length, 4);
  });

  it('counts a change staged for review at the end, and says a run asks to keep it first', async () => {
    const h = await harness([write(), textReply('Done.'), textReply('Staged.')]);
    const staged = new StagedWorkspace(h.workspace);
    const events = await h.run(newConversation(), { ...options(), workspace: staged, staged });
    const reminders = eventsOf(events, 'reminder');
    assert.equal(reminders.length, 1);
    assert.match(reminders[0].text, /Your changes are staged for review: running a command asks the user whether to keep them first\.$/);
  });

  it("counts package.json's script run by its own command line or another spelling as `npm test`, and not a longer name", async () => {
    const h = await harness([
      write(), run('node -e "1" && node --test'), textReply('Tests pass.'),
      write(), run('npm run test'), textReply('Tests pass.'),
      write(), run('npm run test-e2e'), textReply('Done.'), textReply('Done.'),
    ]);
    await writeFile(join(h.folder, 'package.json'), JSON.stringify({ scripts: { test: 'node --test', 'test-e2e': 'node -e 1' } }));
    const found = await checksForTurn(h.workspace, { configured: [], enabled: true, edits: true });
    assert.deepEqual(found[0].ranBy?.slice(0, 2), ['node --test', 'npm run test']);
    const turn = async () => eventsOf(await h.run(newConversation(), { ...options(), checks: found }), 'reminder').length;
    assert.deepEqual([await turn(), await turn(), await turn()], [0, 0, 1]);
  });

  it('does not ask when there are no checks, or run_command is not offered', async () => {
    const h = await harness([write(), textReply('Done.'), write(), textReply('Done.')]);
    assert.deepEqual(eventsOf(await h.run(newConversation(), { ...options(), checks: [] }), 'reminder'), []);
    const withoutCommands = createTools().filter((tool) => tool.name !== 'run_command');
    assert.deepEqual(eventsOf(await h.run(newConversation(), { ...options(), tools: withoutCommands }), 'reminder'), []);
  });
});

describe('checksForTurn', () => {
  const harness = useHarness();

  it("gives the project's checks in a mode that edits with the setting on, and none in Ask or Plan mode or with it off", async () => {
    const h = await harness([write(), textReply('Done.')]);
    await writeFile(join(h.folder, 'AGENTS.md'), 'Run `npm test` before you finish.\n');
    await writeFile(join(h.folder, 'package.json'), JSON.stringify({ scripts: { test: 'mocha' } }));
    const fromAgents = await checksForTurn(h.workspace, { configured: [], enabled: true, edits: true });
    assert.deepEqual(fromAgents.map(({ command, folder }) => ({ command, folder })), [{ command: 'npm test', folder: '.' }]);
    assert.deepEqual(await checksForTurn(h.workspace, { configured: ['make check'], enabled: true, edits: true }), [{ command: 'make check', folder: '.' }]);
    const askMode = await checksForTurn(h.workspace, { configured: [], enabled: true, edits: false });
    const settingOff = await checksForTurn(h.workspace, { configured: ['make check'], enabled: false, edits: true });
    assert.deepEqual([askMode, settingOff], [[], []]);
    // What the loop is then given: no reminder after an edit.
    const events = await h.run(newConversation(), { tools: createTools(), commands: new NodeCommandRunner(), checks: askMode });
    assert.deepEqual(eventsOf(events, 'reminder'), []);
  });
});
