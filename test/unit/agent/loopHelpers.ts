// Test tools and a runner shared by the loop tests. The loop runs for real: the model client
// talks HTTP to the mock server and file tools write into a temp folder through NodeWorkspace.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Conversation } from '../../../src/agent/conversation';
import type { AgentEvent } from '../../../src/agent/events';
import { runAgent, type AgentOptions } from '../../../src/agent/loop';
import { defineTool, type Approver, type Tool } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { OpenAICompatibleModel } from '../../../src/llm/openaiCompatible';
import { startMockServer, type MockServer, type MockServerOptions, type Turn } from '../../fixtures/mockOpenAI';

export const echo = defineTool({
  name: 'echo',
  description: 'Echo the text back.',
  schema: z.object({ text: z.string() }),
  kind: 'read',
  run: async ({ text }) => ({ content: text }),
});

/** Waits `ms`, or stops the moment the signal aborts, as a well-behaved tool does. */
export const slow = defineTool({
  name: 'slow',
  description: 'Wait.',
  schema: z.object({ ms: z.number() }),
  kind: 'read',
  run: ({ ms }, ctx) =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ content: `waited ${ms} ms` }), ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve({ content: 'stopped', isError: true });
      });
    }),
});

/** Ignores the signal: the loop must not wait for it. */
export const stubborn = defineTool({
  name: 'stubborn',
  description: 'Wait no matter what.',
  schema: z.object({}),
  kind: 'read',
  run: () => new Promise((resolve) => setTimeout(() => resolve({ content: 'finally' }), 3000).unref()),
});

export const explode = defineTool({
  name: 'explode',
  description: 'Throw.',
  schema: z.object({}),
  kind: 'read',
  run: async () => {
    throw new Error('boom');
  },
});

/** Writes a file through the workspace's review, as the real file tools do. */
export const save = defineTool({
  name: 'save',
  description: 'Write a file.',
  schema: z.object({ path: z.string(), content: z.string() }),
  kind: 'edit',
  run: async ({ path, content }, ctx) => {
    const outcome = await ctx.workspace.propose({ path, content, summary: `save: ${content.length} characters`, toolCallId: ctx.toolCallId }, ctx.signal);
    return outcome.status === 'accepted' ? { content: `Wrote ${path}.` } : { content: `Not written: ${outcome.status === 'rejected' ? outcome.reason : outcome.message}`, isError: true };
  },
});

/** Asks the approver before "running" a command. */
export const shell = defineTool({
  name: 'shell',
  description: 'Run a command.',
  schema: z.object({ command: z.string() }),
  kind: 'execute',
  run: async ({ command }, ctx) => {
    const decision = await ctx.approver.approve({ kind: 'execute', title: command }, ctx.signal);
    return decision.approved ? { content: `ran ${command}` } : { content: `refused: ${decision.reason}`, isError: true };
  },
});

export const allTools: Tool[] = [echo, slow, stubborn, explode, save, shell] as Tool[];

export const approveAll: Approver = { approve: async () => ({ approved: true }) };

export function newConversation(prompt = 'go'): Conversation {
  return { id: 'test', messages: [{ role: 'system', content: 'You are a test.' }, { role: 'user', content: prompt }] };
}

export interface Harness {
  server: MockServer;
  folder: string;
  workspace: NodeWorkspace;
  model: OpenAICompatibleModel;
  /** Runs one turn and returns every event; `onEvent` may abort. */
  run(conversation: Conversation, options?: Partial<AgentOptions> & { onEvent?: (event: AgentEvent) => void }): Promise<AgentEvent[]>;
}

/** A mock server, a temp folder and a model per test, all cleaned up afterwards. Call inside a `describe`. */
export function useHarness(): (script: Turn[], options?: MockServerOptions & { approve?: 'none' | 'edits' | 'all' }) => Promise<Harness> {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async (script, options = {}) => {
    const server = await startMockServer(script, options);
    const folder = await mkdtemp(join(tmpdir(), 'ouro-loop-'));
    cleanups.push(() => server.close(), () => rm(folder, { recursive: true, force: true }));
    const workspace = new NodeWorkspace(folder, { approve: options.approve ?? 'edits', ripgrep: false });
    const model = new OpenAICompatibleModel({ baseURL: server.url, model: 'mock-model', retryBaseDelayMs: 5, idleTimeoutMs: 3000 });
    return {
      server,
      folder,
      workspace,
      model,
      async run(conversation, { onEvent, ...overrides } = {}) {
        const events: AgentEvent[] = [];
        for await (const event of runAgent(conversation, { model, tools: allTools, workspace, approver: approveAll, ...overrides })) {
          events.push(event);
          onEvent?.(event);
        }
        return events;
      },
    };
  };
}

export function eventsOf<T extends AgentEvent['type']>(events: AgentEvent[], type: T): Array<Extract<AgentEvent, { type: T }>> {
  return events.filter((event): event is Extract<AgentEvent, { type: T }> => event.type === type);
}

export function lastEvent(events: AgentEvent[]): AgentEvent | undefined {
  return events[events.length - 1];
}
