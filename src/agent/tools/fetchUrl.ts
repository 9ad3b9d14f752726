// fetch_url: a web page as Markdown (or text, JSON) for the model. The user approves each fetch
// unless the domain is on the allow list; private and loopback addresses are refused unless the
// user allowed them (see ../web/httpGet.ts for how that holds against DNS tricks).
import * as z from 'zod';
import { FetchError, httpGet, type GetResult } from '../web/httpGet';
import { pageKind, pageText } from '../web/pageText';
import { DEFAULT_FETCH_POLICY, hostMatches, type FetchPolicy } from '../web/webPolicy';
import { defineTool, type ToolResult } from './tool';
import { failure, reportingFailures } from './toolFailure';

export const FETCH_LIMITS = {
  /** Bytes of (decompressed) body read at most. */
  maxBytes: 2 * 1024 * 1024,
  /** Characters of the page the model gets. */
  maxChars: 40_000,
  maxRedirects: 5,
  timeoutMs: 30_000,
};

const schema = z.object({
  url: z.string().describe('http(s) URL'),
});

export function createFetchUrlTool(policy: FetchPolicy = DEFAULT_FETCH_POLICY, limits = FETCH_LIMITS) {
  return defineTool({
    name: 'fetch_url',
    description: 'Fetch a web page as Markdown (text and JSON as is). The user approves it unless its domain is allowed.',
    schema,
    kind: 'execute',
    run: reportingFailures(async (args, ctx) => {
      let url: URL;
      try {
        url = new URL(args.url.trim());
      } catch {
        return failure(`"${args.url}" is not a URL: give a full one, such as https://example.com/page.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return failure(`Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}:.`);
      url.hash = '';

      const allowed = hostMatches(url.hostname, policy.allowDomains);
      if (!allowed) {
        const decision = await ctx.approver.approve({ kind: 'execute', title: `Fetch ${url.href}`, web: true }, ctx.signal);
        if (!decision.approved) return failure(`The user did not allow this fetch${decision.reason ? `: ${decision.reason}` : '.'}`);
      }

      let page: GetResult;
      try {
        page = await httpGet(url, {
          signal: ctx.signal,
          allowPrivate: (target) => hostMatches(target.hostname, policy.privateHosts),
          maxBytes: limits.maxBytes,
          maxRedirects: limits.maxRedirects,
          timeoutMs: limits.timeoutMs,
          accepts: (type) => pageKind(type) !== undefined,
          // Nobody looked at a fetch the allow list let through; it may not wander off the list.
          refuseRedirect: (to) =>
            allowed && !hostMatches(to.hostname, policy.allowDomains)
              ? `${url.href} redirects to ${to.href}, whose domain is not on the allow list. Call fetch_url with that URL to ask the user.`
              : undefined,
        });
      } catch (error) {
        if (error instanceof FetchError) return failure(error.message);
        throw error;
      }
      return describePage(page, limits);
    }),
  });
}

function describePage(page: GetResult, limits: typeof FETCH_LIMITS): ToolResult {
  const where = page.redirects > 0 ? `${page.url.href} (after ${page.redirects} redirect${page.redirects > 1 ? 's' : ''})` : page.url.href;
  if (pageKind(page.contentType) === undefined) {
    return failure(`${where} is ${page.contentType}, which fetch_url cannot read: it reads HTML, text and JSON.`);
  }
  const read = pageText(page.body, page.contentType, page.charset, page.url);
  if ('binary' in read) return failure(`${where} sent binary content without a content type; fetch_url reads HTML, text and JSON.`);

  const ok = page.status >= 200 && page.status < 300;
  const notes: string[] = [];
  let text = read.text;
  if (text.length > limits.maxChars) {
    notes.push(`cut: the first ${limits.maxChars.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters`);
    text = text.slice(0, limits.maxChars);
  }
  if (page.truncated) notes.push(`the page is over ${Math.round(limits.maxBytes / 1024)} KB; only that much was read`);
  const head = [
    ok ? `URL: ${where}` : `HTTP ${page.status}${page.statusText ? ` ${page.statusText}` : ''} from ${where}`,
    ...(read.title ? [`Title: ${read.title}`] : []),
  ].join('\n');
  const tail = notes.length > 0 ? `\n\n(${notes.join('; ')})` : '';
  return { content: `${head}\n\n${text === '' ? '(empty page)' : text}${tail}`, ...(ok ? {} : { isError: true }) };
}
