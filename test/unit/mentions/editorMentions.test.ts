import { strict as assert } from 'node:assert';
import { changesMention, MAX_CHANGES_CHARS, splitDiff } from '../../../src/agent/mentions/changesMention';
import { problemsMention } from '../../../src/agent/mentions/problemsMention';
import { MAX_TERMINAL_CHARS, terminalMention } from '../../../src/agent/mentions/terminalMention';

const fileDiff = (path: string, line: string) => `diff --git a/${path} b/${path}\nindex 1..2 100644\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-old\n+${line}\n`;

describe('@problems, @changes and @terminal', () => {
  it('lists the errors and warnings, hints left out', () => {
    const content = problemsMention([
      { path: 'src/a.ts', line: 3, column: 5, severity: 'error', message: "Cannot find name 'x'.", source: 'ts' },
      { path: 'src/b.ts', line: 1, column: 1, severity: 'hint', message: 'unused' },
    ]);
    assert.equal(content, "1 error in the workspace:\nsrc/a.ts:3:5 error Cannot find name 'x'. (ts)");
    assert.equal(problemsMention([]), 'No errors or warnings in the workspace.');
  });

  it("splits a diff by file, named by the path after the change", () => {
    const parts = splitDiff(fileDiff('src/a.ts', 'new') + fileDiff('b.md', 'x'));
    assert.deepEqual(parts.map((part) => part.path), ['src/a.ts', 'b.md']);
    assert.equal(parts[0].text, fileDiff('src/a.ts', 'new'));
  });

  it('leaves out the diffs of files the tools may not read, naming only how many', async () => {
    const diff = fileDiff('src/a.ts', 'new') + fileDiff('.env', 'TOKEN=secret');
    const { content } = await changesMention(diff, async (path) => path !== '.env');
    assert.ok(content.startsWith(fileDiff('src/a.ts', 'new').trimEnd()));
    assert.ok(!content.includes('TOKEN'), content);
    assert.match(content, /Left out: changes to 1 file the tools may not read/);
  });

  it('says when there is nothing to show, and cuts a huge diff', async () => {
    assert.match((await changesMention('', async () => true)).content, /^No changes in the working tree/);
    const big = await changesMention(fileDiff('a.txt', 'x'.repeat(MAX_CHANGES_CHARS)), async () => true);
    assert.equal(big.truncated, true);
    assert.match(big.content, /Cut at 100000 characters/);
  });

  it("gives the terminal's last command with its exit code, colours stripped, the end of long output kept", () => {
    const content = terminalMention('bash', { kind: 'command', commandLine: 'npm test', output: `\x1b[31mFAIL\x1b[0m a.test.ts\r\n${'.'.repeat(MAX_TERMINAL_CHARS)}\nlast line\n`, exitCode: 1 });
    assert.match(content, /^The last command in the terminal "bash" \(exit code 1\):\n\$ npm test\n\[\d+ earlier characters left out\]\n/);
    assert.ok(content.endsWith('.\nlast line'), content.slice(-40));
    assert.ok(!content.includes('\x1b'));
    assert.equal(terminalMention('zsh', { kind: 'selection', text: 'error: boom\n' }), 'The selection in the terminal "zsh":\nerror: boom');
  });
});
