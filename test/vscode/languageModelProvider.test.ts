// Ouro on VS Code's own language models (ouro.provider "vscode-lm"): a test extension offers a
// scripted chat model through the Language Model API; Ouro's factory picks it, and the loop
// runs a real tool through it and finishes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/agent/conversation';
import type { AgentEvent } from '../../src/agent/events';
import { runAgent } from '../../src/agent/loop';
import { createTools } from '../../src/agent/tools/index';
import { NodeWorkspace } from '../../src/agent/workspace/nodeWorkspace';
import { createChatModel, listLanguageModels } from '../../src/host/models/modelFactory';
import { readSettings } from '../../src/host/settings/settings';

interface SeenPart {
  kind: string;
  value?: string;
  callId?: string;
  name?: string;
  content?: string;
}
interface SeenRequest {
  messages: Array<{ role: string; parts: SeenPart[] }>;
  tools: string[];
}

const FAKE = { id: 'fake-model', name: 'Fake Model', vendor: 'ouro-fake', family: 'fake-family', version: '1.0', maxInputTokens: 100000 };

describe("VS Code's language models as Ouro's provider", () => {
  const config = () => vscode.workspace.getConfiguration('ouro');
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;

  before(async function () {
    this.timeout(30_000);
    // The test extension registers its model when it activates, which selecting models triggers.
    const deadline = Date.now() + 25_000;
    while ((await vscode.lm.selectChatModels({ vendor: 'ouro-fake' })).length === 0) {
      if (Date.now() > deadline) throw new Error('the test extension never offered its model (is proposed API enabled for it?)');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterEach(async () => {
    for (const key of ['provider', 'model', 'toolMode', 'contextWindow']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  async function chatWith(model: string, prompt: string): Promise<{ events: AgentEvent[]; requests: SeenRequest[] }> {
    await config().update('provider', 'vscode-lm', vscode.ConfigurationTarget.Global);
    await config().update('model', model, vscode.ConfigurationTarget.Global);
    const choice = await createChatModel(readSettings(), undefined, () => {});
    assert.equal(choice.kind, 'ready', choice.kind === 'notConfigured' ? choice.reason : '');
    if (choice.kind !== 'ready') throw new Error('unreachable');
    const before = ((await vscode.commands.executeCommand('fakeLanguageModel.requests')) as SeenRequest[]).length;
    const conversation: Conversation = { id: 'lm', messages: [{ role: 'system', content: 'You are Ouro.' }, { role: 'user', content: prompt }] };
    const events: AgentEvent[] = [];
    const workspace = new NodeWorkspace(root, { approve: 'none', ripgrep: false });
    for await (const event of runAgent(conversation, { model: choice.model, tools: createTools(), workspace, approver: { approve: async () => ({ approved: false, reason: 'not in this test' }) } })) {
      events.push(event);
    }
    const requests = ((await vscode.commands.executeCommand('fakeLanguageModel.requests')) as SeenRequest[]).slice(before);
    return { events, requests };
  }

  it('lists the models VS Code offers, for the model picker', async () => {
    const models = await listLanguageModels();
    assert.deepEqual(models.find((model) => model.vendor === 'ouro-fake'), FAKE);
  });

  it("takes the model's own maxInputTokens as its context window, under the user's override", async () => {
    await config().update('provider', 'vscode-lm', vscode.ConfigurationTarget.Global);
    await config().update('model', 'fake-family', vscode.ConfigurationTarget.Global);
    const own = await createChatModel(readSettings(), undefined, () => {});
    assert.equal(own.kind === 'ready' && own.window, FAKE.maxInputTokens);
    await config().update('contextWindow', { 'fake-model': 5000 }, vscode.ConfigurationTarget.Global);
    const overridden = await createChatModel(readSettings(), undefined, () => {});
    assert.equal(overridden.kind === 'ready' && overridden.window, 5000);
  });

  it('runs a tool through the model VS Code offers, sends the result back, and finishes', async () => {
    const { events, requests } = await chatWith('fake-family', 'read src/math.js');
    const calls = events.filter((event) => event.type === 'tool_call');
    assert.deepEqual(calls.map((event) => event.type === 'tool_call' && [event.call.name, JSON.parse(event.call.arguments)]), [['read_file', { path: 'src/math.js' }]]);
    const result = events.find((event) => event.type === 'tool_result');
    assert.ok(result?.type === 'tool_result' && !result.isError && /export function sum/.test(result.content), JSON.stringify(result));
    const text = events.flatMap((event) => (event.type === 'text' ? [event.delta] : [])).join('');
    assert.match(text, /^Let me read it\.The file starts with: +1\t\/\/ Small number helpers for the sample app\.$/);
    assert.ok(events.some((event) => event.type === 'usage' && event.usage.promptTokens > 0 && event.usage.completionTokens > 0), 'usage is counted with the model');
    assert.deepEqual(events.at(-1), { type: 'done', reason: 'stop' });

    // What the model received: the system prompt as the first User message, the tools, and the
    // call and its result as parts of the Assistant and User messages.
    assert.equal(requests.length, 2);
    assert.deepEqual(requests[0].messages[0], { role: 'user', parts: [{ kind: 'text', value: 'You are Ouro.' }] });
    assert.ok(requests[0].tools.includes('read_file'), requests[0].tools.join(', '));
    const [, , assistant, results] = requests[1].messages;
    assert.deepEqual(assistant.parts.map((part) => part.kind), ['text', 'toolCall']);
    assert.equal(assistant.parts[1].callId, 'fake-call-1');
    assert.equal(results.role, 'user');
    assert.equal(results.parts[0].kind, 'toolResult');
    assert.equal(results.parts[0].callId, 'fake-call-1');
    assert.match(results.parts[0].content ?? '', /export function sum/);
  });

  it('in text tool mode sends no tools and still runs the call the model writes', async () => {
    await config().update('toolMode', { 'fake-model': 'text' }, vscode.ConfigurationTarget.Global);
    const { events, requests } = await chatWith('fake-model', 'read src/math.js');
    assert.deepEqual(requests[0].tools, []);
    assert.match(requests[0].messages[0].parts[0].value ?? '', /# Tools\n[\s\S]*- read_file\(path: string/);
    const text = events.flatMap((event) => (event.type === 'text' ? [event.delta] : [])).join('');
    assert.doesNotMatch(text, /tool_call/);
    const result = requests[1].messages.at(-1);
    assert.deepEqual(result?.parts.map((part) => part.kind), ['text']);
    assert.match(result?.parts[0].value ?? '', /^<tool_response name="read_file">\n[\s\S]*export function sum/);
    assert.deepEqual(events.at(-1), { type: 'done', reason: 'stop' });
  });

  it('explains a refusal by the model in words the user can act on', async () => {
    const { events } = await chatWith('fake-model', 'please refuse');
    const error = events.find((event) => event.type === 'error');
    assert.ok(error?.type === 'error', JSON.stringify(events));
    assert.match(error.message, /Fake Model/);
    assert.match(error.message, /refuses|Manage Language Model Access/);
    assert.equal(events.at(-1)?.type === 'done' && events.at(-1)?.type, 'done');
  });

  it('names the models on offer when ouro.model matches none of them', async () => {
    await config().update('provider', 'vscode-lm', vscode.ConfigurationTarget.Global);
    await config().update('model', 'no-such-model', vscode.ConfigurationTarget.Global);
    const choice = await createChatModel(readSettings(), undefined, () => {});
    assert.equal(choice.kind, 'notConfigured');
    assert.match(choice.kind === 'notConfigured' ? choice.reason : '', /no language model named "no-such-model"[\s\S]*fake-model \(Fake Model, ouro-fake\)/);
  });
});
