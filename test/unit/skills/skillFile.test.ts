import * as assert from 'node:assert/strict';
import { parseSkillFile } from '../../../src/agent/skills/skillFile';

const problemOf = (text: string, folder = 'deploy') => {
  const parsed = parseSkillFile(text, folder);
  return parsed.ok ? 'ok' : parsed.problem;
};

describe('SKILL.md', () => {
  it('reads name and description from the front matter and keeps the rest as the instructions', () => {
    const parsed = parseSkillFile('---\nname: deploy\ndescription: "Deploy to staging: build, push, check."\nlicense: MIT\n---\n\n# Deploy\n\nRun scripts/deploy.sh.\n', 'deploy');
    assert.deepEqual(parsed, { ok: true, skill: { name: 'deploy', description: 'Deploy to staging: build, push, check.', body: '# Deploy\n\nRun scripts/deploy.sh.' } });
  });

  it('accepts Windows line endings, a byte-order mark, a folded description and no body', () => {
    const parsed = parseSkillFile('\uFEFF---\r\nname: deploy\r\ndescription: >\r\n  Deploy to\r\n  staging.\r\n---', 'deploy');
    assert.deepEqual(parsed, { ok: true, skill: { name: 'deploy', description: 'Deploy to staging.', body: '' } });
  });

  const problems: Array<[string, string, RegExp]> = [
    ['no front matter', '# Deploy\n', /^it does not start with front matter \(a line "---", then name: and description:, then "---"\)$/],
    ['front matter that is not YAML', '---\nname: [deploy\n---\n', /^its front matter is not valid YAML: unexpected end of the stream within a flow collection at line 1, column 14$/],
    ['a missing description', '---\nname: deploy\n---\n', /^description: missing \(expected string\)$/],
    ['an empty front matter', '---\n\n---\n', /^name: missing \(expected string\); description: missing \(expected string\)$/],
    ['a name with capitals or spaces', '---\nname: Deploy It\ndescription: x\n---\n', /^name: use lowercase letters, digits and single hyphens$/],
    ['a name that is not the folder', '---\nname: ship\ndescription: x\n---\n', /^name is "ship" but the folder is "deploy": they must be the same$/],
  ];
  for (const [what, text, expected] of problems) {
    it(`reports ${what}`, () => assert.match(problemOf(text), expected));
  }
});
