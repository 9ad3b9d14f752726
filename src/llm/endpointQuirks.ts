// How a base URL is turned into the `openai` client's options. Most servers take the key as a
// bearer token and nothing else; the differences live here, next to each other.
import type { ClientOptions } from 'openai';
import { isAzureHost } from './providerPresets';

export interface EndpointAccess {
  baseURL: string;
  apiKey?: string;
}

export type ClientAccess = Pick<ClientOptions, 'baseURL' | 'apiKey' | 'defaultHeaders' | 'defaultQuery'>;

/**
 * The client options for an endpoint. A query in the base URL (Azure's `?api-version=...`) goes
 * on every request: the SDK appends paths to the base URL as text, so it cannot stay there.
 * Azure OpenAI takes its key in an `api-key` header, not as a bearer token.
 */
export function clientAccess({ baseURL, apiKey }: EndpointAccess): ClientAccess {
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  const query = url && url.search ? Object.fromEntries(url.searchParams) : undefined;
  const base = url && url.search ? baseURL.slice(0, baseURL.indexOf('?')) : baseURL;
  const azure = url !== undefined && isAzureHost(url.hostname);
  return {
    baseURL: base,
    // The SDK refuses to start without a key; local servers (Ollama, LM Studio) need none.
    apiKey: apiKey || 'no-key',
    ...(query ? { defaultQuery: query } : {}),
    ...(azure && apiKey ? { defaultHeaders: { Authorization: null, 'api-key': apiKey } } : {}),
  };
}

/**
 * The request field that caps the reply. OpenAI's newer models refuse `max_tokens` and Azure
 * follows OpenAI; many local servers know only `max_tokens`.
 */
export function replyLimitField(baseURL: string): 'max_tokens' | 'max_completion_tokens' {
  try {
    const host = new URL(baseURL).hostname;
    return host === 'api.openai.com' || isAzureHost(host) ? 'max_completion_tokens' : 'max_tokens';
  } catch {
    return 'max_tokens';
  }
}
