// What run_command adds around a command: loading the bash grammar, judging a command line
// against the rules, starting and reaping the child, killing a tree at a timeout, and capping a
// flood of output.
import { spawn } from 'node:child_process';
import { checkCommand } from '../src/agent/commands/commandPolicy';
import { NodeCommandRunner } from '../src/agent/commands/nodeCommandRunner';
import { capOutput, OutputCollector } from '../src/agent/commands/outputCapper';
import { median } from './stats';

const rules = { allow: ['npm test', 'git status', 'git diff', 'git log'], deny: ['rm', 'git push'] };
const lines = [
  'npm test',
  'git status && npm test -- --grep "parses a rule"',
  'git log --oneline -20 | grep fix',
  'git show > ~/.ssh/authorized_keys',
  'sh -c "git status; rm -rf build"',
  'for f in *.ts; do echo "$f"; done',
];

export async function run(): Promise<string[]> {
  const here = { display: '.', root: process.cwd(), relative: '' };
  const runner = new NodeCommandRunner();
  const never = new AbortController().signal;

  let started = performance.now();
  await checkCommand('true', rules);
  const loadMs = performance.now() - started;

  const judged = await timeEach(200, async (i) => void (await checkCommand(lines[i % lines.length], rules)));
  const viaRunner = await timeEach(20, async () => void (await runner.run('true', here, { signal: never })));
  const bare = await timeEach(20, () => bareSpawn());

  const tree = 'node -e \'require("child_process").spawn("sleep", ["60"], { stdio: "ignore" }); setInterval(() => {}, 1000)\'';
  started = performance.now();
  const killed = await runner.run(tree, here, { timeoutMs: 500, signal: never });
  const killMs = performance.now() - started - 500;

  const flood = Buffer.from('a line of build output that goes on for a while\n'.repeat(20_000));
  started = performance.now();
  const collector = new OutputCollector();
  for (let i = 0; i < 50; i++) collector.push(flood);
  const capped = capOutput(collector.finish());
  const floodSeconds = (performance.now() - started) / 1000;

  return [
    `shell parser load      ${loadMs.toFixed(0)} ms (once per process)`,
    `judge a command line   median ${median(judged).toFixed(2)} ms, p95 ${p95(judged).toFixed(2)} ms (${lines.length} lines x ${Math.ceil(200 / lines.length)})`,
    `run \`true\`             median ${median(viaRunner).toFixed(1)} ms via NodeCommandRunner, ${median(bare).toFixed(1)} ms bare spawn (x${(median(viaRunner) / median(bare)).toFixed(2)})`,
    `kill a tree at timeout ${killMs.toFixed(0)} ms after the deadline (timed out: ${killed.timedOut})`,
    `cap ${(collector.totalBytes / 1024 / 1024).toFixed(0)} MB of output   ${floodSeconds.toFixed(2)} s, ${(collector.totalBytes / 1024 / 1024 / floodSeconds).toFixed(0)} MB/s, kept ${Buffer.byteLength(capped)} bytes`,
  ];
}

async function timeEach(count: number, work: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  return times;
}

function bareSpawn(): Promise<void> {
  return new Promise((resolve) => spawn('/bin/bash', ['-c', 'true'], { stdio: 'ignore' }).once('close', () => resolve()));
}

function p95(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
}
