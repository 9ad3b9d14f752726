import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineTool, type Tool, type ToolContext } from '../../../src/agent/tools/tool';
import type { TranscriptMessage } from '../../../src/protocol/messages';
import { chatTools } from '../../../src/host/chat/chatTools';
import { PendingDecisions } from '../../../src/host/chat/decisions';

function context(toolCallId: string, signal = new AbortController().signal): ToolContext {
  return {
    workspace: undefined as never,
    approver: { approve: async () => ({ approved: false, reason: 'the default approver must not be used' }) },
    signal,
    toolCallId,
    emit: () => {},
  };
}

const reader = defineTool({
  name: 'read_file',
  description: 'read',
  kind: 'read',
  schema: z.object({ path: z.string() }),
  run: async ({ path }) => ({ content: `contents of ${path}` }),
});

const runner = defineTool({
  name: 'run_command',
  description: 'run',
  kind: 'execute',
  schema: z.object({ command: z.string() }),
  run: async ({ command }, ctx) => {
    const decision = await ctx.approver.approve({ kind: 'execute', title: `Run ${command}` }, ctx.signal);
    return decision.approved ? { content: 'ran' } : { content: `refused: ${decision.reason ?? ''}`, isError: true };
  },
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('chatTools', () => {
  it('runs reads without asking while reads are auto-approved', async () => {
    const posted: TranscriptMessage[] = [];
    const [read] = chatTools([reader as Tool], new PendingDecisions((m) => posted.push(m)), () => true);
    assert.deepEqual(await read.run({ path: 'a.ts' }, context('c1')), { content: 'contents of a.ts' });
    assert.equal(posted.length, 0);
  });

  it('asks on the call\'s card before a read when reads are not auto-approved', async () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((m) => posted.push(m));
    const [read] = chatTools([reader as Tool], decisions, () => false);
    const running = read.run({ path: 'a.ts' }, context('c1'));
    await until(() => decisions.has('c1'));
    assert.equal(posted[0].type === 'pending' && posted[0].decision.kind, 'read');
    decisions.decide('c1', { accepted: false, reason: 'private' });
    assert.deepEqual(await running, { content: 'The user did not allow this read: private', isError: true });
    assert.deepEqual(posted[1], { type: 'decided', toolCallId: 'c1', accepted: false, note: 'Rejected: private' });
  });

  it('routes a tool\'s approval to its own card, keyed by the tool call id', async () => {
    const posted: TranscriptMessage[] = [];
    const decisions = new PendingDecisions((m) => posted.push(m));
    const [run] = chatTools([runner as Tool], decisions, () => true);
    const running = run.run({ command: 'npm test' }, context('call_7'));
    await until(() => decisions.has('call_7'));
    assert.deepEqual(posted[0], { type: 'pending', decision: { toolCallId: 'call_7', kind: 'execute', title: 'Run npm test', detail: undefined } });
    decisions.decide('call_7', { accepted: true });
    assert.deepEqual(await running, { content: 'ran' });
  });

  it('refuses a waiting approval when the turn is stopped', async () => {
    const decisions = new PendingDecisions(() => {});
    const [run] = chatTools([runner as Tool], decisions, () => true);
    const controller = new AbortController();
    const running = run.run({ command: 'sleep 9' }, context('c1', controller.signal));
    await until(() => decisions.has('c1'));
    controller.abort();
    const result = await running;
    assert.equal(result.isError, true);
    assert.match(result.content, /stopped/);
  });

  it('keeps the tool\'s name, kind, description and schema', () => {
    const [wrapped] = chatTools([reader as Tool], new PendingDecisions(() => {}), () => true);
    assert.equal(wrapped.name, 'read_file');
    assert.equal(wrapped.kind, 'read');
    assert.equal(wrapped.schema, reader.schema);
  });
});
