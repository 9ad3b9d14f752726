import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkCommand } from '../../../src/agent/commands/commandPolicy';

// Deny means deny: each spelling below really runs `touch` on a marker outside the folder when
// bash runs it (checked first, so the test proves the guard and not a spelling that fails by
// luck), and the policy refuses it under the deny rule "touch". Control characters are refused
// before any rule is judged.
const spellings: Array<(marker: string) => string> = [
  (m) => `sh -c -- 'touch ${m}'`,
  (m) => `bash -c -x 'touch ${m}'`,
  (m) => `env -S 'touch ${m}'`,
  (m) => `env -S'touch ${m}'`,
  (m) => `env --split-string='touch ${m}'`,
  (m) => `$(echo touch) ${m}`,
  (m) => `\`echo touch\` ${m}`,
  (m) => `a=touch; $a ${m}`,
  (m) => `touch\${IFS}${m}`,
  (m) => `echo touch ${m} | sh`,
  (m) => `echo touch ${m} | bash -s`,
  (m) => `echo touch ${m} | bash /dev/stdin`,
  (m) => `coproc touch ${m}; wait`,
  (m) => `eval touch ${m}`,
  (m) => `eval "touch ${m}"`,
  (m) => `exec touch ${m}`,
  (m) => `command touch ${m}`,
  (m) => `nice -n 1 touch ${m}`,
  (m) => `timeout 5 sh -c 'touch ${m}'`,
  (m) => `echo ${m} | xargs touch`,
  (m) => `echo touch ${m} | xargs sh -c '"$@"' _`,
  (m) => `echo ${m} | xargs -I{} sh -c 'touch {}'`,
  (m) => `find . -maxdepth 0 -exec touch ${m} \\;`,
  (m) => `bash <<< 'touch ${m}'`,
  (m) => `cat <<EOF\n$(touch ${m})\nEOF`,
  (m) => `trap 'touch ${m}' EXIT`,
  (m) => `$'touch' ${m}`,
  (m) => `/usr/bin/touch ${m}`,
  (m) => `\\touch ${m}`,
  (m) => `t'ouc'h ${m}`,
  (m) => `echo a\r# ; touch ${m}`,
  (m) => `echo a\v# ; touch ${m}`,
  (m) => `echo a\f# ; touch ${m}`,
];

describe('deny rules catch every spelling', function () {
  this.timeout(30_000);
  let root: string;
  let folder: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ouro-deny-'));
    folder = path.join(root, 'work');
    mkdirSync(folder);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const runInBash = (line: string) => spawnSync('bash', ['-c', line], { cwd: folder, timeout: 10_000, stdio: 'ignore' });

  spellings.forEach((spell, n) => {
    const shown = spell('M');
    it(`refuses ${JSON.stringify(shown)}`, async () => {
      const marker = path.join(root, `outside-${n}`);
      runInBash(spell(marker));
      assert.ok(existsSync(marker), 'the spelling does not touch the marker in bash: it tests nothing');
      rmSync(marker);

      const line = spell(marker);
      const verdict = await checkCommand(line, { allow: ['echo', 'eval', 'sh', 'bash', 'env', 'find', 'xargs', 'cat'], deny: ['touch'] });
      if (verdict.action !== 'deny') runInBash(line);
      assert.equal(verdict.action, 'deny', verdict.reason);
      assert.ok(!existsSync(marker));
    });
  });

  it('refuses a control character even with no rules, and says what to do', async () => {
    const verdict = await checkCommand('npm test\r', { allow: ['npm test'], deny: [] });
    assert.equal(verdict.action, 'deny');
    assert.match(verdict.reason, /control character \(\\x0d at position 8\).*remove it/);
  });

  it('lets a hidden program name through to the user when there is no deny rule', async () => {
    assert.equal((await checkCommand('$(echo ls)', { allow: [], deny: [] })).action, 'ask');
  });
});
