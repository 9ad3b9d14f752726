// web_search's backends: a SearXNG instance's JSON API (self-hosted, no key) or the Brave Search
// API (a key). Both answer with a list of title, URL and snippet; nothing else is kept. The URL
// is the user's own choice, so unlike fetch_url it may be a private address (a local SearXNG).

export type SearchConfig =
  | { provider: 'searxng'; url: string }
  /** `url` replaces Brave's endpoint (a proxy, or a test server). */
  | { provider: 'brave'; apiKey: string; url?: string };

export interface SearchHit {
  title: string;
  url: string;
  snippet: string;
}

export const BRAVE_ENDPOINT = 'https://api.search.brave.com/res/v1/web/search';
const TIMEOUT_MS = 20_000;

/** The configured backend: SearXNG when its URL is set, else Brave when there is a key, else none. */
export function searchConfig(searxngUrl: string | undefined, braveApiKey: string | undefined): SearchConfig | undefined {
  if (searxngUrl?.trim()) return { provider: 'searxng', url: searxngUrl.trim() };
  if (braveApiKey?.trim()) return { provider: 'brave', apiKey: braveApiKey.trim() };
  return undefined;
}

/** A failure with a message meant for the model. */
export class SearchError extends Error {}

export async function searchWeb(config: SearchConfig, query: string, count: number, signal: AbortSignal): Promise<SearchHit[]> {
  const request = config.provider === 'searxng' ? searxngRequest(config.url, query) : braveRequest(config, query, count);
  const body = await getJson(request.url, request.headers, signal, config.provider === 'searxng' ? SEARXNG_403 : BRAVE_401);
  const hits = config.provider === 'searxng' ? searxngHits(body) : braveHits(body);
  return hits.slice(0, count);
}

const SEARXNG_403 = 'SearXNG refused the JSON format: add "json" to search.formats in its settings.yml.';
const BRAVE_401 = 'Brave Search refused the API key: set a valid one with "Ouro: Set Search API Key" (BRAVE_API_KEY for the CLI).';

function searxngRequest(base: string, query: string): { url: URL; headers: Record<string, string> } {
  const url = new URL(base);
  // The base may be the instance's root or its /search page.
  if (!/\/search\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/search`;
  url.searchParams.set('q', query);
  url.searchParams.set('format', 'json');
  return { url, headers: { accept: 'application/json' } };
}

function braveRequest(config: { apiKey: string; url?: string }, query: string, count: number): { url: URL; headers: Record<string, string> } {
  const url = new URL(config.url ?? BRAVE_ENDPOINT);
  url.searchParams.set('q', query);
  url.searchParams.set('count', String(count));
  return { url, headers: { accept: 'application/json', 'x-subscription-token': config.apiKey } };
}

async function getJson(url: URL, headers: Record<string, string>, signal: AbortSignal, refused: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) });
  } catch (error) {
    if (signal.aborted) throw new SearchError('Cancelled.');
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new SearchError(`The search API at ${url.origin} did not answer${cause || ` (${String(error)})`}.`);
  }
  if (response.status === 401 || response.status === 403) throw new SearchError(`${refused} (HTTP ${response.status})`);
  if (!response.ok) throw new SearchError(`The search API at ${url.origin} answered HTTP ${response.status}${response.status === 429 ? ' (rate limited: wait, or search less)' : ''}.`);
  try {
    return await response.json();
  } catch {
    throw new SearchError(`The search API at ${url.origin} did not answer with JSON.`);
  }
}

function searxngHits(body: unknown): SearchHit[] {
  const results = (body as { results?: unknown })?.results;
  return hitsFrom(results, 'content');
}

function braveHits(body: unknown): SearchHit[] {
  const results = (body as { web?: { results?: unknown } })?.web?.results;
  return hitsFrom(results, 'description');
}

function hitsFrom(results: unknown, snippetField: string): SearchHit[] {
  if (!Array.isArray(results)) return [];
  return results.flatMap((result: Record<string, unknown>) => {
    if (typeof result?.url !== 'string') return [];
    const snippet = typeof result[snippetField] === 'string' ? (result[snippetField] as string) : '';
    return [{ title: plain(typeof result.title === 'string' ? result.title : ''), url: result.url, snippet: plain(snippet) }];
  });
}

/** Brave marks the query words with <strong> and escapes entities; the model needs neither. */
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (entity[0] !== '#') return named[entity.toLowerCase()];
      return String.fromCodePoint(entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    })
    .replace(/\s+/g, ' ')
    .trim();
}
