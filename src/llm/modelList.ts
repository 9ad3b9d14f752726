// `GET {baseURL}/models`: the models an endpoint can run, with what some servers say about them
// (OpenRouter: context length and price; vLLM: the context it was started with).
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { clientAccess, type EndpointAccess } from './endpointQuirks';
import { serverMessage } from './failures';
import { explainNetworkError } from './networkErrors';

export interface ListedModel {
  id: string;
  contextWindow?: number;
  /** US dollars per million tokens, when the server says. */
  price?: { input: number; output: number };
  /** Whether it takes images, when the server says (OpenRouter's `architecture.input_modalities`). */
  images?: boolean;
}

export type ModelListing =
  | { kind: 'listed'; models: ListedModel[] }
  /** The server answered but lists nothing here (404 and the like): not an error for the chat. */
  | { kind: 'unlisted'; message: string }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'unreachable'; message: string };

export interface ListOptions extends EndpointAccess {
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export async function listModels(options: ListOptions): Promise<ModelListing> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = new OpenAI({
    ...clientAccess(options),
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  try {
    const models: ListedModel[] = [];
    // Pages are followed only where a server pages (OpenAI and most servers send one page).
    for await (const model of client.models.list({ signal: options.signal })) {
      if (typeof model.id === 'string' && model.id) models.push(describe(model as unknown as Record<string, unknown>));
      if (models.length >= 5_000) break;
    }
    models.sort((a, b) => a.id.localeCompare(b.id));
    return { kind: 'listed', models };
  } catch (error) {
    if (error instanceof APIUserAbortError) throw error;
    if (error instanceof APIConnectionError) return { kind: 'unreachable', message: explainNetworkError(error, options.baseURL, timeoutMs) };
    if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
      return { kind: 'refused', status: error.status, message: serverMessage(error) };
    }
    if (error instanceof APIError && typeof error.status === 'number') {
      return { kind: 'unlisted', message: `GET /models answered ${error.status}` };
    }
    // A 200 that is not a model list (an HTML page, a proxy's own JSON).
    return { kind: 'unlisted', message: `GET /models did not answer with a model list (${error instanceof Error ? error.message : String(error)})` };
  }
}

function describe(raw: Record<string, unknown>): ListedModel {
  const model: ListedModel = { id: String(raw.id) };
  const window = [raw.context_length, raw.max_model_len, raw.context_window].find((value) => typeof value === 'number' && value > 0);
  if (typeof window === 'number') model.contextWindow = window;
  const pricing = raw.pricing as Record<string, unknown> | undefined;
  // OpenRouter: dollars per token, as strings.
  const perToken = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN);
  if (pricing && Number.isFinite(perToken(pricing.prompt)) && Number.isFinite(perToken(pricing.completion))) {
    model.price = { input: round(perToken(pricing.prompt) * 1e6), output: round(perToken(pricing.completion) * 1e6) };
  }
  const modalities = (raw.architecture as { input_modalities?: unknown } | undefined)?.input_modalities;
  if (Array.isArray(modalities)) model.images = modalities.includes('image');
  return model;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
