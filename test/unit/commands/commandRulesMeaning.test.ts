import * as assert from 'node:assert/strict';
import { checkCommand, type CommandVerdict } from '../../../src/agent/commands/commandPolicy';
import type { CommandRules } from '../../../src/agent/commands/commandRules';

// Rules match parsed words: an allow rule covers the commands its words start, but not an option
// after them that writes files or runs code, and a line no rule could be fooled by is never refused.
const rules: CommandRules = {
  allow: [
    'git diff', 'git log', 'git rev-parse', 'git show', 'git fetch', 'git', 'npm test', 'npm', 'npx', 'ls', 'cat', 'find', 'sort',
    'sed', 'rg', 'xargs grep', 'xargs', 'env', 'tar', 'node -e', "node -p 'process.version'",
  ],
  deny: ['rm'],
};

const everyday: string[] = [
  'git diff HEAD~1 --stat',
  'git log --oneline HEAD~1..HEAD',
  'git rev-parse HEAD@{0}',
  'CI=1 npm test',
  'ls src/*.js',
  'NODE_ENV=test FORCE_COLOR=0 npm test -- --grep "a rule"',
  'git diff -C --stat',
  'git log -c -p -5',
  'git rev-parse --git-dir',
  'git show HEAD:src/a.ts',
  'git diff -- src/a.ts',
  'git fetch origin',
  "find . -name '*.ts' -type f",
  'sort -k2 -t, -r data.csv',
  "sed -n '1,5p' notes.txt",
  "sed -e 's/a/b/g' -e '/x/d' notes.txt",
  "sed 's/hello world/we/' notes.txt",
  'xargs grep -l TODO',
  "node -e 'console.log(1)' extra",
  "node -p 'process.version'",
  'cat src/a{b}c.txt {}',
  'ls src/**/*.test.ts && cat src/?.md',
  'tar -tf a.tar',
];

// [line, why it is not covered]
const risky: Array<[string, RegExp]> = [
  ['git show --output=pwned', /--output/],
  ['git show --output pwned', /--output/],
  ['git diff --out=pwned', /--output/],
  ['git log --output=pwned', /--output/],
  ['git -c core.pager=sh log', /-c/],
  ['git -C /tmp log', /-C/],
  ['git --exec-path=/tmp status', /--exec-path/],
  ['git --git-dir=fake status', /--git-dir/],
  ['git --namespace x -c core.pager=sh log', /-c/],
  ['git fetch --upload-pack=sh origin', /--upload-pack/],
  ['git rebase -x "make" main', /-x/],
  ['git submodule foreach make', /foreach/],
  ["node -e 'a()' -e 'b()'", /-e/],
  ["node -e 'a()' -p 'b()'", /-p/],
  ["node -e 'a()' -pe 'b()'", /-p/],
  ["node -e 'a()' --import=./x.mjs", /--import/],
  ["node -e 'a()' --require ./x.js", /--require/],
  ["node -e 'a()' --loader=./x.mjs", /--loader/],
  ["node -p 'process.version' -e 'evil()'", /exactly/],
  ["node -p 'process.version' extra", /exactly/],
  ['npm test --script-shell=./x.sh', /--script-shell/],
  ['npm test --script_shell ./x.sh', /--script-shell/],
  ['npm test --node-options=--require=./x.js', /--node-options/],
  ['npm test --userconfig=./x.npmrc', /--userconfig/],
  ['npm exec evil', /exec/],
  ['npx -c "sh x"', /-c/],
  ['find . -exec sh {} ;', /-exec/],
  ['find . -execdir sh {} +', /-execdir/],
  ['find . -ok sh {} ;', /-ok/],
  ['find . -delete', /-delete/],
  ['find . -fprintf out %p', /-fprint/],
  ['find -- . -delete', /-delete/],
  ['sort -o out data', /-o/],
  ['sort -oout data', /-o/],
  ['sort -ro out data', /-o/],
  ['sort --output=out data', /--output/],
  ['sort --out=out data', /--output/],
  ['sort --compress-program=sh data', /--compress-program/],
  ['sed -i s/a/b/ f', /-i/],
  ['sed -ni p f', /-i/],
  ['sed --in-place=.bak s/a/b/ f', /--in-place/],
  ["sed 's/a/b/e' f", /sed script/],
  ["sed '1e id' f", /sed script/],
  ["sed 'w out' f", /sed script/],
  ["sed 's/a/b/w out' f", /sed script/],
  ["sed -e 's/a/b/' -e 'e id' f", /sed script/],
  ["sed --expression='e id' f", /sed script/],
  ['sed -f script.sed f', /-f/],
  ['xargs sh -c id', /xargs runs `sh`/],
  ['rg --pre=./x TODO', /--pre/],
  ["env -S 'sh -c id'", /-S/],
  ['env sh', /env runs `sh`/],
  ['tar --to-command=sh -xf a.tar', /--to-command/],
  ["tar --checkpoint-action=exec='sh x' -cf a.tar .", /--checkpoint-action/],
  ['tar -I sh -cf a.tar .', /-I/],
  ['NODE_OPTIONS=--require=./x.js npm test', /NODE_OPTIONS/],
  ['LD_PRELOAD=./x.so ls', /LD_PRELOAD/],
  ['GIT_SSH_COMMAND=./x git fetch', /GIT_SSH_COMMAND/],
  ['GIT_EXTERNAL_DIFF=./x git diff', /GIT_EXTERNAL_DIFF/],
  ['npm_config_script_shell=./x.sh npm test', /npm_config_script_shell/],
  ['BASH_ENV=./x.sh npm test', /BASH_ENV/],
  ['PAGER=./x git log', /PAGER/],
  ['PYTEST_ADDOPTS=-pevil npm test', /PYTEST_ADDOPTS/],
  ['HOME=. git log', /HOME/],
  ['ls *', /wildcard/],
  ['ls -*', /wildcard/],
  ['cat ~/.ssh/id_rsa', /~/],
  ['cat {a,b}', /brace/],
  ["sed -n p src/*.sed", /wildcards/],
];

describe('command rules match parsed words', () => {
  for (const line of everyday) {
    it(`allows the everyday line ${JSON.stringify(line)}`, async () => {
      const verdict = await checkCommand(line, rules);
      assert.equal(verdict.action, 'allow', verdict.reason);
    });
  }

  for (const [line, why] of risky) {
    it(`asks about ${JSON.stringify(line)}`, async () => {
      const verdict = await checkCommand(line, rules);
      assert.equal(verdict.action, 'ask', verdict.reason);
      assert.match(verdict.reason, why);
    });
  }

  const exactness: Array<[string, string[], boolean]> = [
    ["node -p 'process.version'", ["node -p 'process.version'"], true],
    ['npm test', ['npm test'], true],
    ['CI=1 npm test', ['npm test'], false],
    ['ls src/*.js', ['ls src/*.js'], false],
    ['npm test -- --bail', ['npm test'], false],
  ];
  for (const [line, allow, exact] of exactness) {
    it(`${exact ? 'calls' : 'does not call'} ${JSON.stringify(line)} under ${JSON.stringify(allow)} exact`, async () => {
      const verdict: CommandVerdict = await checkCommand(line, { allow, deny: [] });
      assert.deepEqual([verdict.action, verdict.action === 'allow' && verdict.exact], ['allow', exact]);
    });
  }

  it('lets a rule name the risky option it allows, but not a second one', async () => {
    assert.equal((await checkCommand('git -c color.ui=never log', { allow: ['git -c color.ui=never log'], deny: [] })).action, 'allow');
    assert.equal((await checkCommand('sort -o out data', { allow: ['sort -o out data'], deny: [] })).action, 'allow');
    assert.equal((await checkCommand('sort -o out data -o other', { allow: ['sort -o out data'], deny: [] })).action, 'ask');
  });

  it('refuses a rule that sets variables', async () => {
    assert.equal((await checkCommand('npm test', { allow: ['CI=1 npm test'], deny: [] })).action, 'ask');
  });
});
