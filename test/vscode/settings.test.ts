// The host reads the `ouro.*` settings the manifest declares, fresh each time, as the user
// changes them (a key renamed on one side only would silently fall back to its default).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addCommandAllowRules, onSettingsChanged, readCommandRules, readPerModelSettings, readSettings, saveModelChoice, saveToolMode } from '../../src/host/settings/settings';

const CHANGED: Record<string, unknown> = {
  baseUrl: 'http://127.0.0.1:9/v1',
  model: 'tiny-model',
  maxSteps: 7,
  'autoApprove.edits': true,
  'autoApprove.reads': false,
  allowSecretFiles: true,
  provider: 'vscode-lm',
  toolMode: { 'qwen2.5-coder:7b': 'text', 'gpt-4.1': 'native' },
  contextWindow: { 'tiny-model': 4096 },
  pricing: { 'tiny-model': { input: 0.5, output: 1.5 } },
  'web.allowDomains': ['example.com'],
  'web.allowPrivateHosts': ['localhost'],
  'search.searxngUrl': 'http://127.0.0.1:8888',
};

describe('Ouro settings in VS Code', () => {
  const config = () => vscode.workspace.getConfiguration('ouro');

  afterEach(async () => {
    for (const key of Object.keys(CHANGED)) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  it('reads the declared defaults when nothing is set', () => {
    assert.deepEqual(readSettings(), {
      provider: 'openai',
      baseUrl: '',
      model: '',
      toolMode: {},
      maxSteps: 50,
      autoApproveEdits: false,
      autoApproveReads: true,
      allowSecretFiles: false,
      contextWindow: {},
      pricing: {},
      fetch: { allowDomains: [], privateHosts: [] },
      searxngUrl: '',
    });
  });

  it('reads every setting the user changes, without a reload', async () => {
    for (const [key, value] of Object.entries(CHANGED)) await config().update(key, value, vscode.ConfigurationTarget.Global);
    assert.deepEqual(readSettings(), {
      provider: 'vscode-lm',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'tiny-model',
      toolMode: { 'qwen2.5-coder:7b': 'text', 'gpt-4.1': 'native' },
      maxSteps: 7,
      autoApproveEdits: true,
      autoApproveReads: false,
      allowSecretFiles: true,
      contextWindow: { 'tiny-model': 4096 },
      pricing: { 'tiny-model': { input: 0.5, output: 1.5 } },
      fetch: { allowDomains: ['example.com'], privateHosts: ['localhost'] },
      searxngUrl: 'http://127.0.0.1:8888',
    });
  });

  it('keeps maxSteps a whole number of at least 1', async () => {
    await config().update('maxSteps', 0, vscode.ConfigurationTarget.Global);
    assert.equal(readSettings().maxSteps, 1);
    await config().update('maxSteps', 3.7, vscode.ConfigurationTarget.Global);
    assert.equal(readSettings().maxSteps, 3);
  });

  it("saves the setup card's endpoint to the user's settings and tells listeners", async () => {
    let changes = 0;
    const listener = onSettingsChanged(() => changes++);
    try {
      await saveModelChoice({ provider: 'openai', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5-coder' });
      assert.equal(config().inspect('baseUrl')?.globalValue, 'http://127.0.0.1:11434/v1');
      assert.equal(config().inspect('model')?.globalValue, 'qwen2.5-coder');
      assert.equal(config().inspect('provider')?.globalValue, undefined, 'the default provider is not written out');
      assert.ok(changes > 0, 'no settings change was announced');
    } finally {
      listener.dispose();
    }
  });

  it("saves a picked VS Code language model with its provider, keeping the endpoint for later", async () => {
    await saveModelChoice({ provider: 'openai', baseUrl: 'http://127.0.0.1:1234/v1', model: 'local' });
    await saveModelChoice({ provider: 'vscode-lm', model: 'copilot-gpt-4.1' });
    assert.deepEqual([readSettings().provider, readSettings().model, readSettings().baseUrl], ['vscode-lm', 'copilot-gpt-4.1', 'http://127.0.0.1:1234/v1']);
    await saveModelChoice({ provider: 'openai', model: 'local' });
    assert.equal(readSettings().provider, 'openai');
  });

  it('reads per-model context windows and prices as written in settings.json, with the tool modes', async () => {
    await config().update('toolMode', { local: 'text' }, vscode.ConfigurationTarget.Global);
    assert.deepEqual(readPerModelSettings().toolMode, { local: 'text' });
  });

  it('records a tool mode per model, keeping the others, and ignores entries that are not a mode', async () => {
    await config().update('toolMode', { 'gpt-4.1': 'native', broken: 'sometimes' }, vscode.ConfigurationTarget.Global);
    await saveToolMode('qwen2.5-coder:7b', 'text');
    assert.deepEqual(config().inspect('toolMode')?.globalValue, { 'gpt-4.1': 'native', 'qwen2.5-coder:7b': 'text' });
    assert.deepEqual(readSettings().toolMode, { 'gpt-4.1': 'native', 'qwen2.5-coder:7b': 'text' });
  });

  it('falls back to the OpenAI-compatible provider for an unknown value', async () => {
    await config().update('provider', 'carrier-pigeon', vscode.ConfigurationTarget.Global);
    assert.equal(readSettings().provider, 'openai');
  });
});

describe('Always allow in the settings', () => {
  const commands = () => vscode.workspace.getConfiguration('ouro.commands');

  afterEach(async () => {
    await commands().update('allow', undefined, vscode.ConfigurationTarget.Workspace);
    await commands().update('allow', undefined, vscode.ConfigurationTarget.Global);
  });

  it("adds rules to the workspace's allow list once each, keeping the user's rules in force", async () => {
    await commands().update('allow', ['git status'], vscode.ConfigurationTarget.Global);
    await addCommandAllowRules(['npm test']);
    await addCommandAllowRules(['npm test', 'npm run build']);
    assert.deepEqual(commands().inspect('allow')?.workspaceValue, ['git status', 'npm test', 'npm run build']);
    assert.deepEqual(readCommandRules(), { allow: ['git status', 'npm test', 'npm run build'], deny: [] });
  });
});
