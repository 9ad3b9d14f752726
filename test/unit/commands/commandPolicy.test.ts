import * as assert from 'node:assert/strict';
import { checkCommand, validateCommandRules, type CommandVerdict } from '../../../src/agent/commands/commandPolicy';
import type { CommandRules } from '../../../src/agent/commands/commandRules';

const rules: CommandRules = {
  allow: ['npm test', 'git status', 'git show', 'git log', 'git diff', 'ls', 'cat', 'grep', 'echo', 'node -e'],
  deny: ['rm', 'git push', 'curl'],
};

// [command line, expected action]: each row is a way a model (or an injected instruction) could
// try to get more than an allow rule says.
const table: Array<[string, CommandVerdict['action']]> = [
  // Plain prefixes.
  ['npm test', 'allow'],
  ['npm test -- --grep "parses a rule"', 'allow'],
  ['git status --short', 'allow'],
  ["git log --format='%h %s' -5", 'allow'],
  ['  git   status  ', 'allow'],
  ['git\\\n status', 'allow'],
  ['npm testx', 'ask'],
  ['npm run test', 'ask'],
  ['git stash', 'ask'],
  ['g"it" status', 'allow'],
  ['"git status"', 'ask'],
  // Chaining: allowed only when every part is.
  ['git status && npm test', 'allow'],
  ['git status; npm test', 'allow'],
  ['git status\nnpm test', 'allow'],
  ['git status || npm test', 'allow'],
  ['git log | grep fix', 'allow'],
  ['git status && make', 'ask'],
  ['git status; chmod 777 .', 'ask'],
  ['git status\nchmod 777 .', 'ask'],
  ['git diff | sh -c "chmod 777 ."', 'ask'],
  ['git status &', 'ask'],
  ['git status & chmod 777 .', 'ask'],
  // Redirection: writes and reads the rule never saw.
  ['git show > ~/.ssh/authorized_keys', 'ask'],
  ['git show >> .bashrc', 'ask'],
  ['git show &> out.txt', 'ask'],
  ['git show >| out.txt', 'ask'],
  ['git show >&out.txt', 'ask'],
  ['>out.txt git show', 'ask'],
  ['cat < ~/.ssh/id_rsa', 'ask'],
  ['git show 2>&1', 'allow'],
  ['npm test 2>/dev/null', 'allow'],
  ['npm test >/dev/null 2>&1', 'allow'],
  ['cat <<EOF\nhello\nEOF', 'ask'],
  ['cat <<< hello', 'ask'],
  // Substitution and expansion: the words are not known before the line runs.
  ['git show $(chmod 777 .)', 'ask'],
  ['git show `chmod 777 .`', 'ask'],
  ['git show "$(chmod 777 .)"', 'ask'],
  ['cat <(chmod 777 .)', 'ask'],
  ['git show $HOME', 'ask'],
  ['git show "${HOME}"', 'ask'],
  ['git show *', 'ask'],
  ['ls {a,b}', 'ask'],
  ['cat ~/.ssh/id_rsa', 'ask'],
  ["echo $'\\x41'", 'ask'],
  ['git show $((1+1))', 'ask'],
  ['echo "\\$HOME"', 'allow'],
  ["echo '$HOME'", 'allow'],
  // Environment and shell structure.
  ['PATH=. npm test', 'ask'],
  ['NODE_OPTIONS=--require=./evil.js npm test', 'ask'],
  ['export PATH=.', 'ask'],
  ['(chmod 777 .)', 'ask'],
  ['{ npm test; }', 'ask'],
  ['if true; then npm test; fi', 'ask'],
  ['f() { npm test; }; f', 'ask'],
  ['! npm test', 'ask'],
  // Not valid shell: never allowed.
  ["git show 'unterminated", 'ask'],
  ['git status &&', 'ask'],
  ['git status |', 'ask'],
  ['# only a comment', 'ask'],
  // Deny wins, wherever the program hides.
  ['rm -rf build', 'deny'],
  ['/bin/rm -rf build', 'deny'],
  ['git status && rm -rf build', 'deny'],
  ['git push --force', 'deny'],
  ['git show $(curl evil.example)', 'deny'],
  ['sudo rm -rf /', 'deny'],
  ['find . -name x -exec rm {} +', 'deny'],
  ['ls | xargs rm', 'deny'],
  ['sh -c "rm -rf build"', 'deny'],
  ["bash -lc 'git status; rm -rf build'", 'deny'],
  ['eval rm -rf build', 'deny'],
  ['bash <<EOF\nrm -rf build\nEOF', 'deny'],
  ['(cd src && rm x)', 'deny'],
  ['echo `rm x`', 'deny'],
  ['git rm file', 'ask'],
  ['bash -c "rm -rf build"', 'deny'],
  ['npm test; rm', 'deny'],
  ['\\rm -rf build', 'deny'],
  ['r"m" -rf build', 'deny'],
  ['command -p rm -rf build', 'deny'],
  ['git status # && rm -rf build', 'allow'],
];

const verb = { allow: 'allows', ask: 'asks about', deny: 'denies' } as const;

describe('command policy', () => {
  for (const [line, expected] of table) {
    it(`${verb[expected]} ${JSON.stringify(line)}`, async () => {
      const verdict = await checkCommand(line, rules);
      assert.equal(verdict.action, expected, verdict.reason);
    });
  }

  it('says which rule allowed a chained line', async () => {
    const verdict = await checkCommand('git status && npm test -- --bail', rules);
    assert.deepEqual(verdict, { action: 'allow', reason: 'allowed by "git status", "npm test"', exact: false });
  });

  it('names the part no rule covers', async () => {
    const verdict = await checkCommand('git status && make install', rules);
    assert.deepEqual(verdict, { action: 'ask', reason: 'no allow rule covers `make install`' });
  });

  it('quotes the words of the part it names as the shell reads them', async () => {
    const verdict = await checkCommand(`git status && make "release notes" "it's"`, rules);
    assert.deepEqual(verdict, { action: 'ask', reason: `no allow rule covers \`make 'release notes' 'it'\\''s'\`` });
    const denied = await checkCommand('rm -rf "my build"', rules);
    assert.equal(denied.reason, "`rm -rf 'my build'` matches the deny rule \"rm\"");
  });

  it('says why a redirected line cannot be allowed', async () => {
    const verdict = await checkCommand('git show > ~/.ssh/authorized_keys', rules);
    assert.equal(verdict.action, 'ask');
    assert.match(verdict.reason, /redirects output to a file \(>\)/);
  });

  it('names the deny rule that refused a line', async () => {
    const verdict = await checkCommand('git status && rm -rf build', rules);
    assert.deepEqual(verdict, { action: 'deny', reason: '`rm -rf build` matches the deny rule "rm"' });
  });

  it('lets deny win over an allow rule for the same command', async () => {
    const verdict = await checkCommand('git push', { allow: ['git'], deny: ['git push'] });
    assert.equal(verdict.action, 'deny');
    assert.equal((await checkCommand('git pull', { allow: ['git'], deny: ['git push'] })).action, 'allow');
  });

  it('applies edited rules on the next check', async () => {
    assert.equal((await checkCommand('make', { allow: ['npm test'], deny: [] })).action, 'ask');
    assert.equal((await checkCommand('make', { allow: ['npm test', 'make'], deny: [] })).action, 'allow');
    assert.equal((await checkCommand('make', { allow: ['npm test', 'make'], deny: ['make'] })).action, 'deny');
  });

  it('asks for everything when there are no rules', async () => {
    assert.equal((await checkCommand('ls', { allow: [], deny: [] })).action, 'ask');
  });

  it('treats a trailing wildcard in a rule as the prefix it already is', async () => {
    assert.equal((await checkCommand('npm run build', { allow: ['npm run build *'], deny: [] })).action, 'allow');
    assert.equal((await checkCommand('npm run lint', { allow: ['npm run:*'], deny: [] })).action, 'allow');
  });

  it('ignores rules that are not a plain command prefix, and says why', async () => {
    const bad = ['git status && rm -rf /', 'ls > out', '', 'git $(x)'];
    assert.equal((await checkCommand('git status && rm -rf /', { allow: bad, deny: [] })).action, 'ask');
    const messages = await validateCommandRules([...bad, 'npm test']);
    assert.equal(messages.length, 4);
    assert.match(messages[0], /"git status && rm -rf \/" is ignored: a rule is one command prefix/);
    assert.match(messages[1], /redirects output to a file/);
  });
});
