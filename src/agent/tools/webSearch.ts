// web_search: titles, URLs and snippets from the search API the user set up. Listed only when
// one is configured; otherwise the system prompt says search is off.
import * as z from 'zod';
import { searchWeb, SearchError, type SearchConfig, type SearchHit } from '../web/searchApi';
import { defineTool } from './tool';
import { failure, reportingFailures } from './toolFailure';

const RESULTS = 8;
const SNIPPET_CHARS = 300;

const schema = z.object({
  query: z.string().describe('Search terms'),
});

export function createWebSearchTool(config: SearchConfig) {
  return defineTool({
    name: 'web_search',
    description: 'Search the web: titles, URLs, snippets. Read a result with fetch_url.',
    schema,
    kind: 'read',
    run: reportingFailures(async (args, ctx) => {
      const query = args.query.trim();
      if (query === '') return failure('query is empty: give the words to search for.');
      try {
        const hits = await searchWeb(config, query, RESULTS, ctx.signal);
        return { content: hits.length === 0 ? `No results for "${query}".` : hits.map(describeHit).join('\n\n') };
      } catch (error) {
        if (error instanceof SearchError) return failure(error.message);
        throw error;
      }
    }),
  });
}

function describeHit(hit: SearchHit, index: number): string {
  const snippet = hit.snippet.length > SNIPPET_CHARS ? `${hit.snippet.slice(0, SNIPPET_CHARS)}…` : hit.snippet;
  return [`${index + 1}. ${hit.title || hit.url}`, hit.url, ...(snippet ? [snippet] : [])].join('\n');
}
