import * as assert from 'node:assert/strict';
import { commandPrefix, suggestAllowRules } from '../../../src/agent/commands/allowSuggestion';
import { judgeCommand } from '../../../src/agent/commands/commandPolicy';
import { loadShellParser, type ParseShell } from '../../../src/agent/commands/shellParser';

describe('"always allow" rule suggestion', () => {
  let parse: ParseShell;
  before(async () => {
    parse = await loadShellParser();
  });

  const cases: Array<[string, string[]]> = [
    ['npm test -- --grep "parses a rule"', ['npm test']],
    ['git status --short', ['git status']],
    ['npm run build -- --watch', ['npm run build']],
    ['python -m pytest -q tests/', ['python -m pytest']],
    ['cargo test --release', ['cargo test']],
    ['npx tsc --noEmit -p .', ['npx tsc']],
    ['make', ['make']],
    ['git status && npm test', ['git status', 'npm test']],
    ['git log | grep fix', ['git log', 'grep fix']],
    ['npm test; npm test -- --bail', ['npm test']],
    ['node -e "process.exit(3)"', ["node -e 'process.exit(3)'"]],
  ];
  for (const [line, expected] of cases) {
    it(`suggests ${JSON.stringify(expected)} for ${JSON.stringify(line)}, and that allows the line`, () => {
      const rules = suggestAllowRules(line, parse);
      assert.deepEqual(rules, expected);
      assert.equal(judgeCommand(line, { allow: rules!, deny: [] }, parse).action, 'allow');
    });
  }

  it('does not let the suggestion for one script allow another', () => {
    const rules = suggestAllowRules('npm run build', parse)!;
    assert.equal(judgeCommand('npm run deploy', { allow: rules, deny: [] }, parse).action, 'ask');
  });

  for (const line of ['git show > ~/.ssh/authorized_keys', 'echo $(cat secret)', 'cat <<EOF\nx\nEOF', 'sleep 100 &', 'echo "unclosed']) {
    it(`offers no rule for ${JSON.stringify(line)}, which no allow rule can cover`, () => {
      assert.equal(suggestAllowRules(line, parse), undefined);
    });
  }

  it('stops a run of options at four words', () => {
    assert.deepEqual(commandPrefix(['tool', '-a', '-b', '-c', '-d', 'sub']), ['tool', '-a', '-b', '-c']);
  });
});
