// The self-improvement loop, deterministic against scripted turns: a round whose change makes a
// failing task pass is kept, a round whose change lowers the score is discarded, and what was
// kept is a diff for the user, the project itself untouched.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitSuite } from '../../../src/cli/eval/holdoutSplit';
import { improveMain, isBetter, parseImproveArgs } from '../../../src/cli/eval/improveCommand';
import type { EvalRun } from '../../../src/cli/eval/evalRun';
import { startMockServer, type MockServer } from '../../fixtures/mockOpenAI';
import { CLI_FROM_SOURCE } from '../cli/cliProcess';
import { useTempTrees } from '../workspace/tempTree';
import { routeByTask, type ScriptedTurn } from './scriptedTurns';

/** A self-made tool that leaves a file behind, so a check can see it ran. */
const markTool = (name: string, file: string) =>
  JSON.stringify({ name, description: `Mark ${file}.`, parameters: { type: 'object', properties: {} }, command: ['node', '-e', `require('fs').writeFileSync('${file}', 'done')`] });
const writeTool = (name: string, content: string): ScriptedTurn => ({ calls: [{ name: 'write_file', arguments: { path: `.ouro/tools/${name}/tool.json`, content } }] });
const callTool = (name: string): ScriptedTurn[] => [{ calls: [{ name, arguments: {} }] }, { text: 'Done.' }];

describe('ouro improve', function () {
  this.timeout(180_000);
  const temp = useTempTrees();
  let server: MockServer | undefined;
  after(async () => server?.close());

  it('keeps a change that makes a task pass, discards one that lowers the score, and prints what it kept as a diff', async () => {
    const suite = await temp.tree({
      'easy/task.json': JSON.stringify({ prompt: 'Say hi.', check: 'true' }),
      'easy/workspace/README.md': 'hi\n',
      'mark-one/task.json': JSON.stringify({ prompt: 'Mark one.', check: 'test -f ONE.txt' }),
      'mark-one/workspace/README.md': 'one\n',
      'mark-two/task.json': JSON.stringify({ prompt: 'Mark two.', check: 'test -f TWO.txt' }),
      'mark-two/workspace/README.md': 'two\n',
    });
    const project = await temp.tree({ 'README.md': 'The project being improved.\n' });
    const scripts = new Map<string, ScriptedTurn[]>([
      ['easy', [{ text: 'Hi.' }]],
      ['mark-one', callTool('mark_one')],
      ['mark-two', callTool('mark_two')],
      // Round 1 reads a failure report and writes the tool that task lacked.
      ['improve-1', [{ calls: [{ name: 'read_file', arguments: { path: 'failures/mark-one.md' } }] }, writeTool('mark_one', markTool('mark_one', 'ONE.txt')), { text: 'Added mark_one.' }]],
      // Round 2 breaks that tool: mark-one fails again.
      ['improve-2', [writeTool('mark_one', '{}'), { text: 'Simplified mark_one.' }]],
      // Round 3 starts again from round 1's .ouro and adds the other tool.
      ['improve-3', [writeTool('mark_two', markTool('mark_two', 'TWO.txt')), { text: 'Added mark_two.' }]],
    ]);
    server = await startMockServer(Array(200).fill(routeByTask(scripts)));

    let stdout = '';
    let stderr = '';
    const code = await improveMain(['--suite', suite, '--project', project, '--rounds', '4', '--jobs', '3', '--base-url', server.url, '--model', 'mock-model'], {
      stdout: { write: (chunk) => void (stdout += chunk) },
      stderr: { write: (chunk) => void (stderr += chunk) },
      cli: CLI_FROM_SOURCE,
    });
    assert.equal(code, 0, stderr);
    const lines = stdout.split('\n');
    assert.deepEqual(lines.slice(0, 5), [
      'round 0: 1/3 passed, 1,750 tokens per run',
      'round 1: added .ouro/tools/mark_one/tool.json; 1/3 passed, 1,750 tokens per run → 2/3 passed, 1,750 tokens per run: kept (the pass rate rose)',
      'round 2: changed .ouro/tools/mark_one/tool.json; 2/3 passed, 1,750 tokens per run → 1/3 passed, 1,750 tokens per run: discarded (the pass rate did not rise)',
      'round 3: added .ouro/tools/mark_two/tool.json; 2/3 passed, 1,750 tokens per run → 3/3 passed, 1,750 tokens per run: kept (the pass rate rose)',
      'round 4: every task passes; nothing to improve',
    ]);
    assert.equal(lines[5], 'Kept changes (review, then `git apply` in the project):');
    const patch = lines.slice(6, -2).join('\n');
    assert.match(lines.at(-2) ?? '', /^Each round's change, scores and decision: .*\.ouro\/improve\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    assert.match(patch, /^--- \/dev\/null\n\+\+\+ b\/\.ouro\/tools\/mark_one\/tool\.json\n@@ -0,0 \+1,1 @@\n\+\{"name":"mark_one"/);
    assert.match(patch, /\+\+\+ b\/\.ouro\/tools\/mark_two\/tool\.json\n/);
    assert.doesNotMatch(patch, /^\+\{\}$/m, 'the discarded change is not in it');
    assert.deepEqual(await readdir(join(project, '.ouro')), ['improve'], 'the rules, tools and skills are left for the user to change');

    // The improving agent was shown the failure: the task, the check, and what the agent did.
    const report = server.requests.flatMap((request) => request.messages).find((message) => message.role === 'tool' && String(message.content).includes('# mark-one'));
    assert.ok(report, 'no failure report was read');
    assert.match(String(report.content), /Prompt: Mark one\./);
    assert.match(String(report.content), /The check `test -f ONE\.txt` exited 1\./);
    assert.match(String(report.content), /→ mark_one \{\}\n +9\t✗ There is no tool named "mark_one"/);
  });

  it('writes the kept changes to a file with --diff, which git apply accepts', async () => {
    const suite = await temp.tree({ 'mark-one/task.json': JSON.stringify({ prompt: 'Mark one.', check: 'test -f ONE.txt' }), 'mark-one/workspace/README.md': 'one\n' });
    const project = await temp.tree({ 'README.md': 'p\n', '.ouro/rules/style.md': 'Be brief.\n' });
    const scripts = new Map<string, ScriptedTurn[]>([['mark-one', callTool('mark_one')], ['improve-1', [writeTool('mark_one', markTool('mark_one', 'ONE.txt')), { text: 'Done.' }]]]);
    await server?.close();
    server = await startMockServer(Array(50).fill(routeByTask(scripts)));
    const diff = join(project, 'kept.diff');
    let stdout = '';
    const code = await improveMain(['--suite', suite, '--project', project, '--rounds', '1', '--diff', diff, '--base-url', server.url, '--model', 'm'], {
      stdout: { write: (chunk) => void (stdout += chunk) },
      stderr: { write: () => undefined },
      cli: CLI_FROM_SOURCE,
    });
    assert.equal(code, 0);
    assert.match(stdout, /Kept changes to 1 files, written to .*kept\.diff/);
    const applied = spawnSync('git', ['apply', diff], { cwd: project, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(JSON.parse(await readFile(join(project, '.ouro/tools/mark_one/tool.json'), 'utf8')).name, 'mark_one');
    assert.equal(await readFile(join(project, '.ouro/rules/style.md'), 'utf8'), 'Be brief.\n', 'what was there is kept');
  });

  it('keeps a change only when more pass without tokens growing past the allowed share', () => {
    const runs = (passed: boolean[], tokens: number): EvalRun[] =>
      passed.map((ok, i) => ({ task: `t${i}`, attempt: 1, passed: ok, steps: 1, toolCalls: 0, promptTokens: tokens, completionTokens: 0, seconds: 1, agentEnd: 'stop', checkExit: ok ? 0 : 1, checkOutput: '' }));
    assert.equal(isBetter(runs([true, true], 1200), runs([true, false], 1000), 0.25), true);
    assert.equal(isBetter(runs([true, true], 1300), runs([true, false], 1000), 0.25), false, 'too many more tokens');
    assert.equal(isBetter(runs([true, false], 500), runs([true, false], 1000), 0.25), false, 'fewer tokens alone is not a better score');
    assert.deepEqual(parseImproveArgs(['--suite', 's', '--model', 'm', '--base-url', 'u', '--rounds', '0'], {}, '/p'), '--rounds must be a whole number from 1 to 50, not "0"');
  });
  it('with --holdout, shows the agent only the training failures and refuses a change that makes the held-out tasks worse', async () => {
    const names = ['alpha', 'beta', 'gamma', 'delta'];
    const split = splitSuite(names.map((name) => ({ name })), 0.5, 7);
    const [train1, train2] = split.train.map((task) => task.name);
    const [held1, held2] = split.heldOut.map((task) => task.name);
    assert.equal(split.heldOut.length, 2);
    const spec: Record<string, string> = {};
    for (const name of names) {
      spec[`${name}/task.json`] = JSON.stringify({ prompt: `Mark ${name}.`, check: `test -f ${name}.txt` });
      spec[`${name}/workspace/README.md`] = `${name}\n`;
    }
    const suite = await temp.tree(spec);
    // The project already has the tool one held-out task needs.
    const project = await temp.tree({ [`.ouro/tools/mark_${held1}/tool.json`]: markTool(`mark_${held1}`, `${held1}.txt`) });
    const scripts = new Map<string, ScriptedTurn[]>([
      ...names.map((name) => [name, callTool(`mark_${name}`)] as [string, ScriptedTurn[]]),
      // Round 1 learns the training task and breaks what a held-out task relied on.
      ['improve-1', [{ calls: [{ name: 'list_files', arguments: { path: 'failures' } }] }, { calls: [{ name: 'write_file', arguments: { path: `.ouro/tools/mark_${train1}/tool.json`, content: markTool(`mark_${train1}`, `${train1}.txt`) } }, { name: 'write_file', arguments: { path: `.ouro/tools/mark_${held1}/tool.json`, content: '{}' } }] }, { text: 'Done.' }]],
      // Round 2 learns the training task in a way that carries over to a held-out one.
      ['improve-2', [{ calls: [{ name: 'write_file', arguments: { path: `.ouro/tools/mark_${train1}/tool.json`, content: markTool(`mark_${train1}`, `${train1}.txt`) } }, { name: 'write_file', arguments: { path: `.ouro/tools/mark_${held2}/tool.json`, content: markTool(`mark_${held2}`, `${held2}.txt`) } }] }, { text: 'Done.' }]],
    ]);
    await server?.close();
    server = await startMockServer(Array(200).fill(routeByTask(scripts)));
    let stdout = '';
    let stderr = '';
    const code = await improveMain(['--suite', suite, '--project', project, '--rounds', '2', '--jobs', '2', '--holdout', '0.5', '--seed', '7', '--base-url', server.url, '--model', 'm'], {
      stdout: { write: (chunk) => void (stdout += chunk) },
      stderr: { write: (chunk) => void (stderr += chunk) },
      cli: CLI_FROM_SOURCE,
    });
    assert.equal(code, 0, stderr);
    const lines = stdout.split('\n');
    // As the diff lists them: by path.
    const changed = (...entries: Array<[string, string]>) =>
      entries
        .map(([kind, name]) => ({ kind, path: `.ouro/tools/mark_${name}/tool.json` }))
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((entry) => `${entry.kind} ${entry.path}`)
        .join(', ');
    assert.deepEqual(lines.slice(0, 5), [
      `held out (seed 7): ${held1}, ${held2}`,
      'round 0: train 0/2, held-out 1/2 passed, 2,100 tokens per run',
      `round 1: ${changed(['changed', held1], ['added', train1])}; train 0/2, held-out 1/2 passed, 2,100 tokens per run → train 1/2, held-out 0/2 passed, 2,100 tokens per run: discarded (the held-out tasks' pass rate fell, 1/2 → 0/2: it does not carry over)`,
      `round 2: ${changed(['added', held2], ['added', train1])}; train 0/2, held-out 1/2 passed, 2,100 tokens per run → train 1/2, held-out 2/2 passed, 2,100 tokens per run: kept (the training tasks' pass rate rose and the held-out tasks' did not fall)`,
      'Held-out tasks: 1/2 without the kept changes, 2/2 with them.',
    ]);
    assert.doesNotMatch(stdout, /^\+\{\}$/m, 'the refused change is not among the kept ones');

    // The improving agent saw the training failures and none of the held-out ones.
    const listing = server.requests.flatMap((request) => request.messages).find((message) => message.role === 'tool' && String(message.content).includes('.md'));
    assert.ok(listing, 'the failures were not listed');
    assert.match(String(listing.content), new RegExp(`${train1}\\.md[\\s\\S]*${train2}\\.md|${train2}\\.md[\\s\\S]*${train1}\\.md`));
    assert.doesNotMatch(String(listing.content), new RegExp(`${held1}|${held2}`));

    // Every round is kept where a person can see why.
    const [run] = await readdir(join(project, '.ouro', 'improve'));
    const records = join(project, '.ouro', 'improve', run);
    assert.deepEqual((await readdir(records)).sort(), ['round-0', 'round-1', 'round-2', 'split.json']);
    assert.deepEqual(JSON.parse(await readFile(join(records, 'split.json'), 'utf8')), { holdout: 0.5, seed: 7, train: [train1, train2].sort(), heldOut: [held1, held2] });
    const round1 = JSON.parse(await readFile(join(records, 'round-1', 'scores.json'), 'utf8'));
    assert.deepEqual(round1.before, { train: { passed: 0, runs: 2 }, heldOut: { passed: 1, runs: 2 }, tokensPerRun: 2100 });
    assert.deepEqual(round1.after, { train: { passed: 1, runs: 2 }, heldOut: { passed: 0, runs: 2 }, tokensPerRun: 2100 });
    assert.deepEqual(round1.failuresShown.sort(), [train1, train2].sort());
    assert.equal(round1.decision, 'discarded');
    assert.match(await readFile(join(records, 'round-1', 'decision.md'), 'utf8'), /^discarded: the held-out tasks' pass rate fell/);
    assert.match(await readFile(join(records, 'round-1', 'change.diff'), 'utf8'), new RegExp(`^\\+\\+\\+ b/\\.ouro/tools/mark_${held1}/tool\\.json\\n@@ -1,1 \\+1,1 @@\\n-.*\\n.*\\n\\+\\{\\}\\n`, 'm'));
    assert.match(await readFile(join(records, 'round-2', 'decision.md'), 'utf8'), /^kept: /);
    assert.match(await readFile(join(records, 'round-2', 'change.diff'), 'utf8'), new RegExp(`b/\\.ouro/tools/mark_${held2}/tool\\.json`));
    assert.equal(JSON.parse(await readFile(join(records, 'round-0', 'scores.json'), 'utf8')).decision, 'baseline');
  });

  it('splits the same way for the same seed, whatever the order, and always keeps a task to train on', () => {
    const tasks = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((name) => ({ name }));
    const split = splitSuite(tasks, 0.3, 1);
    assert.equal(split.heldOut.length, 3);
    assert.deepEqual(splitSuite([...tasks].reverse(), 0.3, 1), split);
    assert.notDeepEqual(splitSuite(tasks, 0.3, 2).heldOut, split.heldOut);
    assert.deepEqual(splitSuite(tasks.slice(0, 1), 0.9, 1), { train: [{ name: 'a' }], heldOut: [] });
    assert.equal(splitSuite(tasks.slice(0, 2), 0.9, 1).train.length, 1);
    assert.equal(parseImproveArgs(['--suite', 's', '--model', 'm', '--base-url', 'u', '--holdout', '1'], {}, '/p'), '--holdout must be a share from 0 to below 1, like 0.3, not "1"');
  });
});
