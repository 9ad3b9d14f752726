import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWebSearchTool } from '../../../src/agent/tools/webSearch';
import type { ToolContext, ToolResult } from '../../../src/agent/tools/tool';
import { searchConfig, type SearchConfig } from '../../../src/agent/web/searchApi';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { TestSite } from '../../fixtures/webSite';

// What SearXNG's /search?format=json and Brave's /res/v1/web/search answer, trimmed to the fields
// that matter plus a few that do not.
const SEARXNG_ANSWER = {
  query: 'zod union',
  number_of_results: 3,
  results: [
    { url: 'https://zod.dev/api#unions', title: 'Unions | Zod', content: 'Zod provides z.union and z.discriminatedUnion for…', engine: 'duckduckgo', score: 3.2 },
    { url: 'https://github.com/colinhacks/zod/issues/1', title: 'discriminatedUnion & nested objects', content: '', engines: ['google'] },
    { title: 'no url, skipped', content: 'x' },
  ],
  answers: [],
  infoboxes: [],
  unresponsive_engines: [],
};
const BRAVE_ANSWER = {
  type: 'search',
  query: { original: 'zod union' },
  web: {
    type: 'search',
    results: [
      { title: 'Unions | <strong>Zod</strong>', url: 'https://zod.dev/api#unions', description: 'Use <strong>z.union</strong>() &amp; friends &#x27;today&#x27;', language: 'en' },
      { title: 'Second', url: 'https://example.org/2', description: 'x'.repeat(500) },
    ],
  },
};

describe('web_search', function () {
  this.timeout(15000);
  let site: TestSite;
  let status = 200;
  let body: unknown;
  const json = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  // /slow/search never answers: only the turn's signal ends it.
  const startSite = () => new TestSite({ '/searx/search': json, '/res/v1/web/search': json, '/slow/search': () => {} }).start();
  before(async () => {
    site = await startSite();
  });
  after(() => site.stop());
  beforeEach(() => {
    status = 200;
    site.requests.length = 0;
  });

  function search(config: SearchConfig, query: string, signal = new AbortController().signal): Promise<ToolResult> {
    const tool = createWebSearchTool(config);
    const ctx: ToolContext = { workspace: new NodeWorkspace(process.cwd()), approver: { approve: async () => ({ approved: false }) }, signal, toolCallId: 'c', emit: () => {} };
    return tool.run(tool.schema.parse({ query }), ctx);
  }

  it('asks SearXNG for JSON and lists title, URL and snippet of each result', async () => {
    body = SEARXNG_ANSWER;
    const result = await search({ provider: 'searxng', url: site.url('/searx/') }, 'zod union');
    const asked = new URL(site.requests[0].url!, 'http://x');
    assert.equal(asked.pathname, '/searx/search');
    assert.deepEqual(Object.fromEntries(asked.searchParams), { q: 'zod union', format: 'json' });
    assert.equal(result.isError, undefined);
    assert.equal(
      result.content,
      '1. Unions | Zod\nhttps://zod.dev/api#unions\nZod provides z.union and z.discriminatedUnion for…\n\n2. discriminatedUnion & nested objects\nhttps://github.com/colinhacks/zod/issues/1',
    );
  });

  it('sends the Brave key in its header and turns its marked-up snippets into plain text, capped', async () => {
    body = BRAVE_ANSWER;
    const result = await search({ provider: 'brave', apiKey: 'brave-key', url: site.url('/res/v1/web/search') }, 'zod union');
    const request = site.requests[0];
    assert.equal(request.headers['x-subscription-token'], 'brave-key');
    assert.equal(new URL(request.url!, 'http://x').searchParams.get('q'), 'zod union');
    assert.match(result.content, /^1\. Unions \| Zod\nhttps:\/\/zod\.dev\/api#unions\nUse z\.union\(\) & friends 'today'\n\n2\. Second\nhttps:\/\/example\.org\/2\nx{300}…$/);
  });

  it('says so when nothing was found', async () => {
    body = { ...SEARXNG_ANSWER, results: [] };
    assert.equal((await search({ provider: 'searxng', url: site.url('/searx') }, 'nothing')).content, 'No results for "nothing".');
  });

  it('explains a refused key or a SearXNG without the JSON format', async () => {
    status = 401;
    const brave = await search({ provider: 'brave', apiKey: 'wrong', url: site.url('/res/v1/web/search') }, 'q');
    assert.equal(brave.isError, true);
    assert.match(brave.content, /Brave Search refused the API key: set a valid one with "Ouro: Set Search API Key" \(BRAVE_API_KEY for the CLI\)\. \(HTTP 401\)/);
    status = 403;
    assert.match((await search({ provider: 'searxng', url: site.url('/searx') }, 'q')).content, /add "json" to search\.formats/);
  });

  it('reports an API that is not there', async () => {
    const port = site.port;
    await site.stop();
    try {
      const result = await search({ provider: 'searxng', url: `http://127.0.0.1:${port}` }, 'q');
      assert.equal(result.isError, true);
      assert.match(result.content, /^The search API at http:\/\/127\.0\.0\.1:\d+ did not answer: .*ECONNREFUSED/);
    } finally {
      site = await startSite();
    }
  });

  it('stops when the turn is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await search({ provider: 'searxng', url: site.url('/slow') }, 'q', controller.signal);
    assert.deepEqual(result, { content: 'Cancelled.', isError: true });
  });

  it('is configured by a SearXNG URL first, then a Brave key, else off', () => {
    assert.deepEqual(searchConfig(' http://localhost:8888 ', 'k'), { provider: 'searxng', url: 'http://localhost:8888' });
    assert.deepEqual(searchConfig('', 'k'), { provider: 'brave', apiKey: 'k' });
    assert.equal(searchConfig(undefined, ' '), undefined);
  });
});
