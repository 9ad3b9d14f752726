// NodeCommandRunner.runProgram: a program and its arguments with no shell in between, input on
// stdin — how self-made tools run.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import type { ResolvedPath } from '../../../src/agent/workspace/workspace';

describe('NodeCommandRunner.runProgram', function () {
  this.timeout(20000);
  let root: string;
  let here: ResolvedPath;
  const runner = new NodeCommandRunner({ defaultTimeoutMs: 10_000, limits: { maxLines: 20, maxBytes: 2000 } });
  const signal = () => new AbortController().signal;

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-program-')));
    here = { display: '.', root, relative: '' };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('feeds stdin to the program and returns what it printed, in the folder given', async () => {
    const script = 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).n * 2, process.cwd()));';
    const result = await runner.runProgram(['node', '-e', script], here, { stdin: '{"n":21}', signal: signal() });
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(result.output.trim(), `42 ${root}`);
  });

  it('passes arguments as they are: shell syntax in them is never run', async () => {
    const marker = path.join(root, 'pwned');
    const word = `$(touch ${marker}); touch ${marker} && echo "x"`;
    const result = await runner.runProgram(['node', '-e', 'console.log(process.argv[1])', word], here, { signal: signal() });
    assert.equal(result.output.trim(), word);
    assert.equal(existsSync(marker), false);
  });

  it('adds the environment it is given', async () => {
    const result = await runner.runProgram(['node', '-e', 'console.log(process.env.OURO_TOOL_DIR)'], here, { env: { OURO_TOOL_DIR: 'tools/x' }, signal: signal() });
    assert.equal(result.output.trim(), 'tools/x');
  });

  it('copes with a program that exits without reading a large input', async () => {
    const result = await runner.runProgram(['node', '-e', 'process.exit(3)'], here, { stdin: 'x'.repeat(4 * 1024 * 1024), signal: signal() });
    assert.equal(result.exitCode, 3);
  });

  it('caps a flood of output like run_command', async () => {
    const result = await runner.runProgram(['node', '-e', 'for (let i = 0; i < 5000; i++) console.log("line " + i)'], here, { signal: signal() });
    assert.match(result.output, /^line 0\n/);
    assert.match(result.output, /\[… 4,98\d lines \([\d.]+ KB\) cut …\]/);
    assert.match(result.output, /line 4999\n$/);
  });

  it('kills the program at its timeout', async () => {
    const result = await runner.runProgram(['node', '-e', 'setInterval(() => {}, 1000)'], here, { timeoutMs: 300, signal: signal() });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, null);
  });

  it('says so when the program cannot start, and when there is none', async () => {
    const missing = await runner.runProgram([path.join(root, 'no-such-program')], here, { signal: signal() });
    assert.match(missing.note ?? '', /could not start: .*ENOENT/);
    const none = await runner.runProgram([], here, { signal: signal() });
    assert.equal(none.note, 'There is no program to run.');
  });
});
