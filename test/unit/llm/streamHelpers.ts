// Shared by the model-client tests: a client tuned for fast tests and a way to read a whole stream.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Message, ToolCall } from '../../../src/agent/conversation';
import type { Usage } from '../../../src/agent/events';
import { ModelError, type FinishReason, type ModelChunk, type ToolSpec } from '../../../src/agent/model';
import { OpenAICompatibleModel, type OpenAICompatibleOptions } from '../../../src/llm/openaiCompatible';
import { startMockServer, type MockServer, type Turn } from '../../fixtures/mockOpenAI';

/** Short delays so retries and stalls take milliseconds; generous enough for a loaded 2-core machine. */
export function fastModel(baseURL: string, overrides: Partial<OpenAICompatibleOptions> = {}): OpenAICompatibleModel {
  return new OpenAICompatibleModel({ baseURL, model: 'mock-model', retryBaseDelayMs: 5, idleTimeoutMs: 3000, ...overrides });
}

export interface Collected {
  chunks: ModelChunk[];
  text: string;
  reasoning: string;
  retries: Array<Extract<ModelChunk, { type: 'retry' }>>;
  usage?: Usage;
  finish?: { reason: FinishReason; toolCalls: ToolCall[] };
  error?: ModelError;
}

export async function collect(
  model: OpenAICompatibleModel,
  request: { messages?: Message[]; tools?: ToolSpec[]; signal?: AbortSignal; onChunk?: (chunk: ModelChunk) => void } = {},
): Promise<Collected> {
  const out: Collected = { chunks: [], text: '', reasoning: '', retries: [] };
  try {
    for await (const chunk of model.stream({
      messages: request.messages ?? [{ role: 'user', content: 'hi' }],
      tools: request.tools ?? [],
      signal: request.signal ?? new AbortController().signal,
    })) {
      out.chunks.push(chunk);
      request.onChunk?.(chunk);
      if (chunk.type === 'text') out.text += chunk.delta;
      if (chunk.type === 'reasoning') out.reasoning += chunk.delta;
      if (chunk.type === 'retry') out.retries.push(chunk);
      if (chunk.type === 'usage') out.usage = chunk.usage;
      if (chunk.type === 'finish') out.finish = { reason: chunk.reason, toolCalls: chunk.toolCalls };
    }
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    out.error = err;
  }
  return out;
}

/** Starts a mock server per test and closes it afterwards. Call inside a `describe`. */
export function useMockServer(): (script: Turn[], options?: Parameters<typeof startMockServer>[1]) => Promise<MockServer> {
  const servers: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (script, options) => {
    const server = await startMockServer(script, options);
    servers.push(server);
    return server;
  };
}

/** A loopback port nothing listens on: bound once, then closed. */
export async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
