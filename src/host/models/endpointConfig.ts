// Which endpoint and model the chat talks to: the `ouro.*` settings first, then the same
// environment variables the CLI reads. Pure, so the rules are tested without an editor.

export interface EndpointSettings {
  baseUrl: string;
  model: string;
}

export interface Endpoint {
  /** undefined when nothing is configured: the chat shows its setup card. */
  baseURL?: string;
  model: string;
  apiKey?: string;
}

const OPENAI_URL = 'https://api.openai.com/v1';

export function resolveEndpoint(settings: EndpointSettings, env: Readonly<Record<string, string | undefined>>, storedKey: string | undefined): Endpoint {
  const pick = (...values: Array<string | undefined>) => values.map((value) => value?.trim()).find((value) => value) || undefined;
  const apiKey = pick(storedKey, env.OPENAI_API_KEY);
  const model = pick(settings.model, env.OURO_MODEL) ?? '';
  // A key with no URL is an OpenAI key, as in the CLI; a local server needs its URL set.
  const baseURL = pick(settings.baseUrl, env.OPENAI_BASE_URL) ?? (apiKey ? OPENAI_URL : undefined);
  return { baseURL, model, apiKey };
}

/** The chat can run once a model is named; a missing URL falls back to OpenAI's when a key is set. */
export function isConfigured(endpoint: Endpoint): boolean {
  return endpoint.model !== '' && endpoint.baseURL !== undefined;
}

/** Removes every occurrence of the secrets from a log line, in case a library echoes one. */
export function redact(line: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = line;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}
