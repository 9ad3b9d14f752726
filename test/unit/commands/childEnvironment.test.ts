import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { childEnvironment, isSecretName } from '../../../src/agent/commands/childEnvironment';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';

describe('the environment commands get', () => {
  it('leaves out what looks like a secret and keeps the rest', () => {
    const secrets = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'DB_PASSWORD', 'MY_SERVICE_SECRET', 'STRIPE_API_KEY', 'BRAVE_API_KEY', 'SLACK_BOT_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS', 'DATABASE_URL', 'openai_api_key'];
    const kept = ['PATH', 'HOME', 'LANG', 'TERM', 'NODE_ENV', 'CI', 'EDITOR', 'KEYBOARD_LAYOUT', 'TOKENIZERS_PARALLELISM', 'XDG_RUNTIME_DIR', 'SHELL', 'USER'];
    for (const name of secrets) assert.equal(isSecretName(name), true, name);
    for (const name of kept) assert.equal(isSecretName(name), false, name);
  });

  it('passes on the names the user lists', () => {
    const env = { PATH: '/bin', NPM_TOKEN: 'npm-secret', OPENAI_API_KEY: 'sk-secret' };
    assert.deepEqual(childEnvironment(env, ['npm_token']), { PATH: '/bin', NPM_TOKEN: 'npm-secret' });
  });

  it('keeps the key out of what a command prints, however it asks for the environment', async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-do-not-leak';
    try {
      const here = { display: '.', root: realpathSync(tmpdir()), relative: '' };
      const signal = new AbortController().signal;
      const printed = await new NodeCommandRunner().run('env; cat /proc/self/environ | tr "\\0" "\\n"; echo "[$OPENAI_API_KEY]"', here, { signal });
      assert.equal(printed.exitCode, 0, printed.output);
      assert.doesNotMatch(printed.output, /sk-do-not-leak/);
      assert.match(printed.output, /\[\]/);
      assert.match(printed.output, /^PATH=/m, 'the rest of the environment is there');
      const passed = await new NodeCommandRunner({ passEnv: ['OPENAI_API_KEY'] }).run('echo "[$OPENAI_API_KEY]"', here, { signal });
      assert.match(passed.output, /\[sk-do-not-leak\]/);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });
});
