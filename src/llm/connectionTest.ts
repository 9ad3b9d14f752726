// "Test connection": does the endpoint answer, does it have the model, and does the model make
// structured tool calls? The last is one cheap request with one trivial tool and a prompt that
// must call it. A model that writes the call as text, or does not call at all, is better run in
// text mode from the start than found out halfway through a task.
import { ModelError, type ToolSpec } from '../agent/model';
import { listModels, type ListedModel } from './modelList';
import { OpenAICompatibleModel } from './openaiCompatible';
import { placeholdersIn } from './providerPresets';

export type CheckStatus = 'ok' | 'failed' | 'unknown' | 'skipped';

export interface CheckLine {
  status: CheckStatus;
  message: string;
}

export interface ConnectionReport {
  endpoint: CheckLine;
  model: CheckLine;
  /** `mode` is set when the probe could tell: structured calls (`native`) or not (`text`). */
  tools: CheckLine & { mode?: 'native' | 'text' };
  /** What the endpoint lists, when it does. */
  models?: ListedModel[];
}

export interface ConnectionTestOptions {
  baseURL: string;
  apiKey?: string;
  model: string;
  /** For GET /models. Default 10 s. */
  listTimeoutMs?: number;
  /** For the probe; a local server may first load the model. Default 60 s. */
  probeTimeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export const PROBE_TOOL: ToolSpec = {
  name: 'get_weather',
  description: 'Current weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};
const PROBE_PROMPT = 'What is the weather in Paris? Call the get_weather tool; do not answer in words.';
/** Room for a short preamble and the call; a thinking model may need more and is then left as it is. */
export const PROBE_MAX_TOKENS = 200;

const skipped = (message: string): CheckLine => ({ status: 'skipped', message });

/** A report that stops at the endpoint: nothing further was tried. */
export function endpointFailed(message: string): ConnectionReport {
  return { endpoint: { status: 'failed', message }, model: skipped(''), tools: skipped('') };
}

export async function testConnection(options: ConnectionTestOptions): Promise<ConnectionReport> {
  const { baseURL, model } = options;
  const holes = placeholdersIn(baseURL);
  if (holes.length) {
    return endpointFailed(`Fill in ${holes.map((hole) => `{${hole}}`).join(' and ')} in the base URL first.`);
  }
  if (!/^https?:\/\/[^/]/i.test(baseURL)) {
    return endpointFailed(`"${baseURL}" is not an http:// or https:// URL.`);
  }
  if (!model.trim()) {
    return { endpoint: { status: 'unknown', message: 'Not tested: name a model first.' }, model: { status: 'failed', message: 'No model is named.' }, tools: skipped('') };
  }

  const listing = await listModels({ baseURL, apiKey: options.apiKey, timeoutMs: options.listTimeoutMs, signal: options.signal, fetch: options.fetch });
  if (listing.kind === 'unreachable') return endpointFailed(listing.message);
  if (listing.kind === 'refused') return endpointFailed(refusedKey(listing.status, listing.message, options.apiKey));
  const report: ConnectionReport = {
    endpoint: listing.kind === 'listed' ? { status: 'ok', message: `Answers; lists ${count(listing.models.length, 'model')}.` } : { status: 'unknown', message: `${listing.message}; trying a request.` },
    model: { status: 'unknown', message: 'The endpoint does not list its models.' },
    tools: skipped(''),
    ...(listing.kind === 'listed' ? { models: listing.models } : {}),
  };
  if (listing.kind === 'listed') {
    report.model = listing.models.some((entry) => entry.id === model)
      ? { status: 'ok', message: `${model} is available.` }
      : { status: 'unknown', message: `${model} is not among the listed models${closest(model, listing.models)}; trying it anyway.` };
  }
  return probe(options, report);
}

async function probe(options: ConnectionTestOptions, report: ConnectionReport): Promise<ConnectionReport> {
  const timeoutMs = options.probeTimeoutMs ?? 60_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const client = new OpenAICompatibleModel({ baseURL: options.baseURL, apiKey: options.apiKey, model: options.model, maxRetries: 0, idleTimeoutMs: timeoutMs, fetch: options.fetch });
  let text = '';
  try {
    for await (const chunk of client.stream({ messages: [{ role: 'user', content: PROBE_PROMPT }], tools: [PROBE_TOOL], signal, maxTokens: PROBE_MAX_TOKENS })) {
      if (chunk.type === 'text') text += chunk.delta;
      if (chunk.type !== 'finish') continue;
      answered(report, options.model);
      if (chunk.toolCalls.some((call) => call.name === PROBE_TOOL.name)) {
        report.tools = { status: 'ok', mode: 'native', message: 'The model makes structured tool calls.' };
      } else if (text.includes(PROBE_TOOL.name)) {
        report.tools = { status: 'ok', mode: 'text', message: 'The model wrote its tool call as text, so Ouro reads calls from its text.' };
      } else if (chunk.reason === 'length') {
        report.tools = { status: 'unknown', message: `The reply was cut at ${PROBE_MAX_TOKENS} tokens before any call (a thinking model?); the tool mode is left as it is.` };
      } else {
        report.tools = { status: 'ok', mode: 'text', message: 'The model answered without calling the tool, so Ouro asks for calls in text.' };
      }
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    failedProbe(report, options, error, timeout.aborted ? timeoutMs : undefined);
  }
  return report;
}

function answered(report: ConnectionReport, model: string): void {
  if (report.endpoint.status !== 'ok') report.endpoint = { status: 'ok', message: 'Answers.' };
  if (report.model.status !== 'ok') report.model = { status: 'ok', message: `${model} answers.` };
}

function failedProbe(report: ConnectionReport, options: ConnectionTestOptions, error: unknown, timedOutAfterMs: number | undefined): void {
  const status = error instanceof ModelError ? error.status : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  if (timedOutAfterMs !== undefined) {
    report.tools = { status: 'unknown', message: `No answer within ${Math.round(timedOutAfterMs / 1000)} s (a local server may still be loading the model; try again).` };
  } else if (status === 401 || status === 403) {
    report.endpoint = { status: 'failed', message: refusedKey(status, detail, options.apiKey) };
    report.model = skipped('');
  } else if (status === 404 && report.endpoint.status === 'ok') {
    report.model = { status: 'failed', message: `The endpoint does not know the model "${options.model}" (404).` };
  } else if (status === 404) {
    report.endpoint = { status: 'failed', message: `Nothing at ${options.baseURL}/chat/completions (404). Check the base URL; it usually ends in /v1.` };
    report.model = skipped('');
  } else if (status === 400 && /tool|function/i.test(detail)) {
    // Ollama: "registry.ollama.ai/library/gemma:2b does not support tools".
    answered(report, options.model);
    report.tools = { status: 'ok', mode: 'text', message: 'The server says this model cannot take tools, so Ouro asks for calls in text.' };
    return;
  } else {
    report.tools = { status: 'failed', message: detail };
    if (report.endpoint.status === 'unknown') report.endpoint = { status: 'failed', message: detail };
  }
}

function refusedKey(status: number, detail: string, apiKey: string | undefined): string {
  if (status === 403) return `Access refused (403: ${detail}).`;
  return apiKey ? `The API key was refused (401: ${detail}). Set the right key.` : `This endpoint needs an API key (401: ${detail}). Set one.`;
}

function closest(model: string, models: readonly ListedModel[]): string {
  const needle = model.toLowerCase().replace(/[^a-z0-9]/g, '');
  const near = models.filter((entry) => {
    const id = entry.id.toLowerCase().replace(/[^a-z0-9]/g, '');
    return needle.length >= 3 && (id.includes(needle) || needle.includes(id));
  });
  return near.length ? ` (did you mean ${near.slice(0, 3).map((entry) => entry.id).join(', ')}?)` : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
