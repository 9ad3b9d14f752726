import { strict as assert } from 'node:assert';
import { parseCliArgs, UsageError } from '../../../src/cli/args';

describe('CLI arguments', () => {
  it('reads every flag and joins the prompt words', () => {
    const options = parseCliArgs(
      ['--cwd', 'proj', '--base-url', 'http://h/v1', '--api-key', 'k', '--model', 'm', '--approve', 'edits',
        '--allow', 'npm test', '--allow', 'git status', '--deny', 'rm', '--deny', 'git push', '--max-steps', '7', '--json',
        '--mcp-config', 'a.json', '--mcp-config', 'b.json', '--trust-mcp', '--allow-mcp', 'everything__echo', 'fix', 'the', 'bug'],
      {}, '/here');
    assert.deepEqual(options, {
      cwd: 'proj', baseURL: 'http://h/v1', apiKey: 'k', model: 'm', approve: 'edits',
      allow: ['npm test', 'git status'], deny: ['rm', 'git push'], sandbox: true, allowNetwork: [], passEnv: [], maxSteps: 7, maxRetries: undefined, json: true, prompt: 'fix the bug',
      mcpConfig: ['a.json', 'b.json'], trustMcp: true, allowMcp: ['everything__echo'],
    });
  });

  it('reads the checks, repeatable, and the switch that turns their reminder off', () => {
    const options = parseCliArgs(['--check', 'npm test', '--check', ' npx tsc --noEmit ', '--no-checks', 'fix it'], {}, '/here');
    assert.ok(options !== 'help');
    assert.deepEqual([options.checks, options.noChecks], [['npm test', 'npx tsc --noEmit'], true]);
    const plain = parseCliArgs(['fix it'], {}, '/here');
    assert.ok(plain !== 'help');
    assert.deepEqual([plain.checks, plain.noChecks], [undefined, undefined]);
  });

  it('reads the web allow lists, each flag repeatable', () => {
    const options = parseCliArgs(['--allow-domain', 'python.org', '--allow-domain', 'docs.rs', '--allow-private-host', 'localhost', 'read the docs'], {}, '/here');
    assert.ok(options !== 'help');
    assert.deepEqual([options.allowDomains, options.privateHosts], [['python.org', 'docs.rs'], ['localhost']]);
  });

  it('reads the sandbox switch and the network hosts, and refuses another word than on or off', () => {
    const options = parseCliArgs(['--sandbox', 'off', '--allow-network', '*', 'build it'], {}, '/here');
    assert.ok(options !== 'help');
    assert.deepEqual([options.sandbox, options.allowNetwork], [false, ['*']]);
    assert.throws(() => parseCliArgs(['--sandbox', 'maybe', 'hi'], {}, '/'), /--sandbox must be on or off, not "maybe"/);
  });

  it('turns web_search on from OURO_SEARXNG_URL or BRAVE_API_KEY, and leaves it off without them', () => {
    const search = (env: Record<string, string>) => (parseCliArgs(['hi'], env, '/here') as Exclude<ReturnType<typeof parseCliArgs>, 'help'>).search;
    assert.deepEqual(search({ OURO_SEARXNG_URL: 'http://localhost:8888', BRAVE_API_KEY: 'k' }), { provider: 'searxng', url: 'http://localhost:8888' });
    assert.deepEqual(search({ BRAVE_API_KEY: 'k' }), { provider: 'brave', apiKey: 'k' });
    assert.equal(search({}), undefined);
  });

  it('falls back to OPENAI_BASE_URL, OPENAI_API_KEY and OURO_MODEL, and flags win over them', () => {
    const env = { OPENAI_BASE_URL: 'http://env/v1', OPENAI_API_KEY: 'envkey', OURO_MODEL: 'envmodel' };
    const fromEnv = parseCliArgs(['hi'], env, '/here');
    assert.ok(fromEnv !== 'help');
    assert.equal(fromEnv.baseURL, 'http://env/v1');
    assert.equal(fromEnv.apiKey, 'envkey');
    assert.equal(fromEnv.model, 'envmodel');
    assert.equal(fromEnv.cwd, '/here');
    assert.equal(fromEnv.approve, 'none');
    assert.equal(fromEnv.maxSteps, 50);
    const flagged = parseCliArgs(['--model', 'flag', 'hi'], env, '/here');
    assert.ok(flagged !== 'help');
    assert.equal(flagged.model, 'flag');
  });

  it('treats blank environment values as unset', () => {
    const options = parseCliArgs(['hi'], { OURO_MODEL: '  ' }, '/here');
    assert.ok(options !== 'help');
    assert.equal(options.model, undefined);
  });

  it('reads --tool-mode native or text, and leaves it out when not given', () => {
    const text = parseCliArgs(['--tool-mode', 'text', 'hi'], {}, '/');
    assert.ok(text !== 'help');
    assert.equal(text.toolMode, 'text');
    const unset = parseCliArgs(['hi'], {}, '/');
    assert.ok(unset !== 'help');
    assert.equal('toolMode' in unset, false);
    assert.throws(() => parseCliArgs(['--tool-mode', 'json', 'hi'], {}, '/'), /--tool-mode must be native or text, not "json"/);
  });

  it('reads --mode ask or plan, leaves it out for agent or when not given, and refuses others', () => {
    const ask = parseCliArgs(['--mode', 'ask', 'hi'], {}, '/');
    assert.ok(ask !== 'help');
    assert.equal(ask.mode, 'ask');
    const agent = parseCliArgs(['--mode', 'agent', 'hi'], {}, '/');
    assert.ok(agent !== 'help');
    assert.equal('mode' in agent, false);
    assert.throws(() => parseCliArgs(['--mode', 'edit', 'hi'], {}, '/'), /--mode must be one of agent, ask, plan, not "edit"/);
  });

  it('refuses a bad approval policy, a bad step count, an unknown flag and a missing prompt', () => {
    assert.throws(() => parseCliArgs(['--approve', 'some', 'hi'], {}, '/'), UsageError);
    assert.throws(() => parseCliArgs(['--max-steps', '0', 'hi'], {}, '/'), /at least 1/);
    assert.throws(() => parseCliArgs(['--max-steps', 'x', 'hi'], {}, '/'), /whole number/);
    assert.throws(() => parseCliArgs(['--frobnicate', 'hi'], {}, '/'), UsageError);
    assert.throws(() => parseCliArgs([], {}, '/'), /no prompt/);
  });

  it('takes the retry count from OURO_MAX_RETRIES', () => {
    const options = parseCliArgs(['hi'], { OURO_MAX_RETRIES: '0' }, '/');
    assert.ok(options !== 'help');
    assert.equal(options.maxRetries, 0);
    assert.throws(() => parseCliArgs(['hi'], { OURO_MAX_RETRIES: 'many' }, '/'), /OURO_MAX_RETRIES/);
  });

  it('takes a conversation file and a context window, the window also from OURO_CONTEXT_WINDOW', () => {
    const options = parseCliArgs(['--conversation', 'chat.json', '--context-window', '16384', 'go on'], {}, '/');
    assert.ok(options !== 'help');
    assert.equal(options.conversation, 'chat.json');
    assert.equal(options.contextWindow, 16384);
    const fromEnv = parseCliArgs(['hi'], { OURO_CONTEXT_WINDOW: '8000' }, '/');
    assert.ok(fromEnv !== 'help');
    assert.equal(fromEnv.contextWindow, 8000);
    assert.equal(fromEnv.conversation, undefined);
    assert.throws(() => parseCliArgs(['--context-window', 'lots', 'hi'], {}, '/'), /--context-window must be a whole number/);
    assert.throws(() => parseCliArgs(['--context-window', '10', 'hi'], {}, '/'), /at least 1000/);
  });

  it('answers help for -h', () => {
    assert.equal(parseCliArgs(['-h'], {}, '/'), 'help');
  });
});
