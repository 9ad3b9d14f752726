// Saving while the loop runs: when saves happen, what a save made mid-tool or mid-stream holds,
// and that such a file loads and continues against the strict mock server.
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '../../../src/agent/events';
import { parseConversation } from '../../../src/agent/history/conversationFile';
import { newRecord, type ConversationRecord } from '../../../src/agent/history/conversationRecord';
import { ConversationRecorder } from '../../../src/agent/history/conversationRecorder';
import { ConversationStore, loadConversation } from '../../../src/agent/history/conversationStore';
import { NodeHistoryStorage } from '../../../src/agent/history/nodeHistoryStorage';
import { NEVER_FINISHED } from '../../../src/agent/history/repairConversation';
import { runAgent } from '../../../src/agent/loop';
import { conversationProblem, delay, reply, stall, text, textReply, toolCall, usage } from '../../fixtures/mockOpenAI';
import { allTools, approveAll, useHarness, type Harness } from '../agent/loopHelpers';

describe('conversation recorder', function () {
  this.timeout(20_000);
  const harness = useHarness();
  let folder: string;
  let store: ConversationStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ouro-recorder-'));
    store = new ConversationStore(new NodeHistoryStorage(folder));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const fresh = () => newRecord('rec', [{ role: 'system', content: 'You are a test.' }]);
  const savedText = () => readFile(join(folder, 'rec.json'), 'utf8').catch(() => '');

  /** Runs one turn in the background, every event through the recorder. */
  function startTurn(h: Harness, recorder: ConversationRecorder, prompt: string, signal?: AbortSignal): Promise<AgentEvent[]> {
    recorder.startTurn(prompt, 'gpt-4o-mini');
    return (async () => {
      const events: AgentEvent[] = [];
      for await (const event of runAgent(recorder.conversation, { model: h.model, tools: allTools, workspace: h.workspace, approver: approveAll, signal })) {
        await recorder.observe(event);
        events.push(event);
      }
      return events;
    })();
  }

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    for (let waited = 0; !(await check()); waited += 10) {
      if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('saves once the calls are in, after each result and at the end, adding up usage per turn and in all', async () => {
    const h = await harness([
      reply(toolCall('echo', { text: 'a' }, { id: 'e1', index: 0 }), toolCall('echo', { text: 'b' }, { id: 'e2', index: 1 }), usage(1000, 100, { prompt_tokens_details: { cached_tokens: 400 } })),
      reply(text('Both echoed.'), usage(2000, 50)),
    ]);
    const snapshots: string[][] = [];
    const recorder = new ConversationRecorder(fresh(), {
      save: async (conversation) => {
        snapshots.push(conversation.messages.map((message) => message.role));
        await store.save(conversation);
      },
      pricing: (model) => (model === 'gpt-4o-mini' ? { input: 1, cachedInput: 0.5, output: 2 } : undefined),
    });
    await startTurn(h, recorder, 'echo twice');
    assert.deepEqual(snapshots, [
      ['system', 'user', 'assistant'],
      ['system', 'user', 'assistant', 'tool'],
      ['system', 'user', 'assistant', 'tool', 'tool'],
      ['system', 'user', 'assistant', 'tool', 'tool', 'assistant'],
    ]);
    const saved = (await store.load('rec'))!.conversation;
    assert.equal(saved.title, 'echo twice');
    assert.equal(saved.model, 'gpt-4o-mini');
    const expectedCost = (600 * 1 + 400 * 0.5 + 100 * 2 + 2000 * 1 + 50 * 2) / 1_000_000;
    assert.deepEqual(saved.usage, { requests: 2, promptTokens: 3000, completionTokens: 150, cachedTokens: 400, cost: expectedCost, unpricedRequests: 0 });
    assert.deepEqual(saved.turns, [{ messageIndex: 1, usage: saved.usage }]);
  });

  it('leaves, while a tool runs, a file that loads with the call answered and continues', async () => {
    const h = await harness([reply(toolCall('slow', { ms: 10_000 }, { id: 'slow1' })), textReply('Picking up again.')]);
    const recorder = new ConversationRecorder(fresh(), { save: (conversation) => store.save(conversation) });
    const controller = new AbortController();
    const running = startTurn(h, recorder, 'wait a while', controller.signal);
    await until('the call to be saved', async () => (await savedText()).includes('"slow1"'));
    // What a SIGKILL now would leave on disk.
    const snapshot = await savedText();
    controller.abort();
    await running;

    const { conversation, repairs } = loadConversation(snapshot);
    assert.deepEqual(repairs, ['1 tool call had no result (the call never finished)']);
    assert.deepEqual(conversation.messages.at(-1), { role: 'tool', toolCallId: 'slow1', name: 'slow', content: NEVER_FINISHED, isError: true });
    const events = await startTurn(h, new ConversationRecorder(conversation, { save: async () => {} }), 'go on');
    assert.deepEqual(events.at(-1), { type: 'done', reason: 'stop' });
    assert.equal(conversationProblem(h.server.requests[1].messages), undefined);
  });

  it('leaves, mid-stream, a file that keeps what had arrived as an interrupted reply', async () => {
    const h = await harness([reply(text('Hel'), delay(30), text('lo'), delay(30), stall())]);
    const recorder = new ConversationRecorder(fresh(), { save: (conversation) => store.save(conversation), draftEveryMs: 0 });
    const controller = new AbortController();
    const running = startTurn(h, recorder, 'say hello', controller.signal);
    await until('the whole draft to be saved', async () => (await savedText()).includes('"draft":{"text":"Hello"}'));
    const snapshot = await savedText();
    controller.abort();
    await running;
    const { conversation } = loadConversation(snapshot);
    assert.deepEqual(conversation.messages.slice(1), [
      { role: 'user', content: 'say hello' },
      { role: 'assistant', content: 'Hello', interrupted: true },
    ]);
    // Cancelled, the loop kept the text itself: the final save has it once, and no draft.
    const final = parseConversation(await savedText());
    assert.equal(final.draft, undefined);
    assert.deepEqual(final.messages.filter((message) => message.role === 'assistant'), [{ role: 'assistant', content: 'Hello', interrupted: true }]);
  });

  it('saves a streaming reply at most once per interval', async () => {
    let clock = 0;
    let saves = 0;
    const recorder = new ConversationRecorder(fresh(), { save: async () => void saves++, draftEveryMs: 1000, now: () => new Date(clock) });
    recorder.startTurn('hi');
    clock = 5000;
    for (const delta of ['a', 'b', 'c']) await recorder.observe({ type: 'text', delta });
    assert.equal(saves, 1);
    clock += 999;
    await recorder.observe({ type: 'text', delta: 'd' });
    assert.equal(saves, 1);
    clock += 1;
    await recorder.observe({ type: 'text', delta: 'e' });
    assert.equal(saves, 2);
  });

  it('saves where compaction stands and counts the summary requests in the usage', async () => {
    const saved: ConversationRecord[] = [];
    const state = { trimmed: ['x'], summary: { through: 4, text: 'Earlier: read a.ts.' } };
    const recorder = new ConversationRecorder(fresh(), { save: async (conversation) => void saved.push(structuredClone(conversation)), context: { state } });
    recorder.startTurn('hi');
    await recorder.observe({
      type: 'compacted',
      compaction: { kind: 'summary', tokensBefore: 9000, tokensAfter: 4000, window: 10_000, trimmedResults: 0, summarisedMessages: 6, usage: { promptTokens: 5000, completionTokens: 300 } },
    });
    assert.deepEqual(saved.at(-1)?.context, state);
    assert.equal(saved.at(-1)?.usage.promptTokens, 5000);
  });

  it('reports a save that failed and saves again at the next step', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let written = 0;
    const recorder = new ConversationRecorder(fresh(), {
      save: async () => {
        if (fail) throw new Error('disk full');
        written++;
      },
      onSaveError: (error) => errors.push(error),
    });
    recorder.startTurn('hi');
    await recorder.observe({ type: 'tool_result', id: 'a', name: 'echo', content: 'x', isError: false });
    fail = false;
    await recorder.observe({ type: 'done', reason: 'stop' });
    assert.deepEqual(errors.map((error) => (error as Error).message), ['disk full']);
    assert.equal(written, 1);
  });
});
