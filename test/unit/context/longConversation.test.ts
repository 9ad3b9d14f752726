// A 300-step conversation against the strict mock server with a small window: real HTTP, real
// files read by the real read_file tool, the real tokenizer counting.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContextManager } from '../../../src/agent/context/contextManager';
import type { Conversation } from '../../../src/agent/conversation';
import type { AgentEvent } from '../../../src/agent/events';
import { runAgent } from '../../../src/agent/loop';
import { buildSystemPrompt } from '../../../src/agent/prompt';
import { createTools } from '../../../src/agent/tools/index';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { OpenAICompatibleModel } from '../../../src/llm/openaiCompatible';
import { conversationProblem, startMockServer, type MockServer } from '../../fixtures/mockOpenAI';
import { isSummaryRequest, longConversationScript, wireRequestTokens, writeProject } from '../../fixtures/longConversation';

const STEPS = 300;
const WINDOW = 8_000;

describe('a 300-step conversation with a small window', function () {
  this.timeout(120_000);
  let folder: string;
  let server: MockServer;
  const events: AgentEvent[] = [];
  let conversation: Conversation;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ouro-long-'));
    const paths = await writeProject(folder);
    const script = longConversationScript(STEPS, paths);
    server = await startMockServer(script.turns);
    const model = new OpenAICompatibleModel({ baseURL: server.url, model: 'gpt-4o', maxRetries: 0 });
    conversation = {
      id: 'long',
      messages: [
        { role: 'system', content: buildSystemPrompt({ folders: ['project'] }) },
        { role: 'user', content: 'Read every file in src, one at a time, and tell me when you are done.' },
      ],
    };
    const context = new ContextManager({ model, window: WINDOW });
    for await (const event of runAgent(conversation, {
      model,
      tools: createTools(),
      workspace: new NodeWorkspace(folder, { ripgrep: false }),
      approver: { approve: async () => ({ approved: true }) },
      maxSteps: STEPS,
      context,
    })) {
      events.push(event);
    }
  });

  after(async () => {
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const chatRequests = () => server.requests.filter((body) => !isSummaryRequest(body));

  it('finishes every step without an error', () => {
    assert.deepEqual(events.at(-1), { type: 'done', reason: 'stop' });
    assert.equal(chatRequests().length, STEPS);
    assert.equal(events.filter((event) => event.type === 'error').length, 0);
  });

  it('never sends a request larger than the window, summaries included', () => {
    const sizes = server.requests.map(wireRequestTokens);
    const largest = Math.max(...sizes);
    assert.ok(largest <= WINDOW, `largest request: ${largest} tokens`);
    // Without compaction the history would have grown far past it.
    assert.ok(wireRequestTokens(chatRequests()[0]) + conversation.messages.length * 20 > WINDOW);
  });

  it('compacts, both by leaving out old results and by summarising', () => {
    const kinds = events.flatMap((event) => (event.type === 'compacted' ? [event.compaction.kind] : []));
    assert.ok(kinds.includes('trim') || kinds.includes('summary'), kinds.join());
    assert.ok(kinds.filter((kind) => kind === 'summary').length >= 3, kinds.join());
    for (const event of events) {
      if (event.type !== 'compacted') continue;
      assert.ok(event.compaction.tokensAfter < event.compaction.tokensBefore, JSON.stringify(event.compaction));
      assert.ok(event.compaction.tokensAfter <= WINDOW * 0.8, JSON.stringify(event.compaction));
    }
  });

  it('sends every tool result right after its call (the strict server took every request)', () => {
    for (const [i, body] of server.requests.entries()) assert.equal(conversationProblem(body.messages), undefined, `request ${i}`);
  });

  it('sends each request as the previous one plus new messages until the next compaction', () => {
    const compactedAtStep = new Set<number>();
    let step = 0;
    for (const event of events) {
      if (event.type === 'step') step = event.step;
      if (event.type === 'compacted') compactedAtStep.add(step);
    }
    const requests = chatRequests();
    let compared = 0;
    for (let i = 1; i < requests.length; i++) {
      const before = JSON.stringify(requests[i - 1].messages);
      const after = JSON.stringify(requests[i].messages);
      if (compactedAtStep.has(i + 1)) {
        assert.ok(!after.startsWith(before.slice(0, -1)), `request ${i + 1} was compacted, so its prefix changed`);
        continue;
      }
      // Byte for byte: the earlier array without its closing bracket starts the later one.
      assert.ok(after.startsWith(`${before.slice(0, -1)},`), `request ${i + 1} does not extend request ${i}`);
      assert.equal(JSON.stringify(requests[i].tools), JSON.stringify(requests[i - 1].tools));
      compared++;
    }
    assert.ok(compared > STEPS * 0.8, `only ${compared} requests extended the previous one`);
  });

  it('keeps the system prompt and the first user message at the start of every request', () => {
    for (const body of chatRequests()) {
      assert.deepEqual(body.messages.slice(0, 2), [
        { role: 'system', content: conversation.messages[0].content },
        { role: 'user', content: conversation.messages[1].content },
      ]);
    }
  });

  it('keeps the whole history in the conversation itself', () => {
    // system, user, then per step an assistant message and (but for the last) a tool result
    assert.equal(conversation.messages.length, 2 + STEPS * 2 - 1);
  });
});
