import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createFetchUrlTool, FETCH_LIMITS } from '../../../src/agent/tools/fetchUrl';
import type { ApprovalDecision, ApprovalRequest, ToolContext, ToolResult } from '../../../src/agent/tools/tool';
import type { FetchPolicy } from '../../../src/agent/web/webPolicy';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { TestSite } from '../../fixtures/webSite';

const ARTICLE = `<!doctype html><html><head><title>Release notes</title><style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Version 2.0</h1>
${'<p>This release makes the parser faster and fixes the <a href="/docs/bugs">known bugs</a> in <b>streaming</b> mode. '.repeat(4)}</p>
<pre><code>npm install thing@2</code></pre>
<ul><li>faster</li><li>smaller</li></ul>
<img src="/chart.png" alt="speed chart"></article>
<script>window.track()</script></body></html>`;

describe('fetch_url', function () {
  this.timeout(15000);
  let site: TestSite;
  let asked: ApprovalRequest[];

  before(async () => {
    site = await new TestSite({
      '/article': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
      '/plain': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('just text\n'),
      '/data.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"answer":42}'),
      '/image.png': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(5000, 1)),
      '/latin1': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9])),
      '/gzipped': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync('<html><body><h2>Packed</h2><p>unpacked fine</p></body></html>')),
      '/hop': (req, res, s) => {
        // /hop?n=3 redirects three times, then lands on /plain.
        const n = Number(new URL(req.url!, 'http://x').searchParams.get('n'));
        res.writeHead(302, { location: n > 1 ? `/hop?n=${n - 1}` : s.url('/plain') }).end();
      },
      '/to-ip': (_req, res, s) => res.writeHead(301, { location: s.url('/plain', '127.0.0.1') }).end(),
      '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        // Far more than the cap, written as long as the client reads.
        let sent = 0;
        const write = () => {
          while (sent < 50_000_000 && res.write('x'.repeat(64 * 1024))) sent += 64 * 1024;
          if (sent < 50_000_000 && !res.destroyed) res.once('drain', write);
          else res.end();
        };
        write();
      },
      '/long': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('y'.repeat(60_000)),
      '/hang': () => {
        // Never answers: only an abort or the timeout ends it.
      },
    }).start();
  });
  after(() => site.stop());
  beforeEach(() => {
    asked = [];
    site.requests.length = 0;
  });

  /** The loopback site may be reached, and localhost needs no approval: how the happy paths run. */
  const trusted: FetchPolicy = { allowDomains: ['localhost'], privateHosts: ['localhost'] };

  function context(answer: ApprovalDecision = { approved: true }, signal = new AbortController().signal): ToolContext {
    return {
      workspace: new NodeWorkspace(process.cwd()),
      approver: {
        approve: async (request) => {
          asked.push(request);
          return answer;
        },
      },
      signal,
      toolCallId: 'call_1',
      emit: () => {},
    };
  }

  function fetchUrl(url: string, policy: FetchPolicy = trusted, ctx = context(), limits = FETCH_LIMITS): Promise<ToolResult> {
    const tool = createFetchUrlTool(policy, limits);
    return tool.run(tool.schema.parse({ url }), ctx);
  }

  describe('reading pages', () => {
    it('turns an article into Markdown: main content, absolute links, no scripts or navigation', async () => {
      const result = await fetchUrl(site.url('/article'));
      assert.equal(result.isError, undefined);
      assert.match(result.content, new RegExp(`^URL: ${site.url('/article')}\nTitle: Release notes\n\n`));
      assert.match(result.content, /## Version 2\.0/);
      assert.match(result.content, new RegExp(`\\[known bugs\\]\\(${site.url('/docs/bugs').replace(/[.]/g, '\\.')}\\)`));
      assert.match(result.content, /\*\*streaming\*\*/);
      assert.match(result.content, /```\nnpm install thing@2\n```/);
      assert.match(result.content, /^- faster$/m);
      assert.match(result.content, /\[image: speed chart\]/);
      assert.doesNotMatch(result.content, /window\.track|color: red|About/);
    });

    it('passes text and JSON through, decoding the charset the server names', async () => {
      assert.equal((await fetchUrl(site.url('/plain'))).content, `URL: ${site.url('/plain')}\n\njust text\n`);
      assert.match((await fetchUrl(site.url('/data.json'))).content, /\n\n\{"answer":42\}$/);
      assert.match((await fetchUrl(site.url('/latin1'))).content, /\n\ncafé$/);
    });

    it('reads a gzip-compressed page', async () => {
      const result = await fetchUrl(site.url('/gzipped'));
      assert.match(result.content, /## Packed\n\nunpacked fine/);
    });

    it('refuses content it cannot read, saying which type it was', async () => {
      const result = await fetchUrl(site.url('/image.png'));
      assert.equal(result.isError, true);
      assert.match(result.content, /is image\/png, which fetch_url cannot read: it reads HTML, text and JSON/);
    });

    it('reports an HTTP error status with the page it came with', async () => {
      const result = await fetchUrl(site.url('/missing'));
      assert.equal(result.isError, true);
      assert.match(result.content, /^HTTP 404 Not Found from http:\/\/localhost:\d+\/missing\nTitle: Not Found\n\nNo such page\.$/);
    });

    it('refuses URLs that are not http or https, or not URLs at all', async () => {
      assert.match((await fetchUrl('file:///etc/passwd')).content, /Only http and https URLs can be fetched, not file:/);
      assert.match((await fetchUrl('example.com/page')).content, /is not a URL: give a full one/);
      assert.equal(asked.length, 0);
    });
  });

  describe('limits', () => {
    it('stops reading a body past the size cap and says it was cut', async () => {
      const started = Date.now();
      const result = await fetchUrl(site.url('/huge'), trusted, context(), { ...FETCH_LIMITS, maxBytes: 100_000, maxChars: 1_000_000 });
      assert.equal(result.isError, undefined);
      assert.match(result.content, /\(the page is over 98 KB; only that much was read\)$/);
      assert.equal((result.content.match(/x/g) ?? []).length, 100_000);
      assert.ok(Date.now() - started < 5000, 'it did not wait for the 50 MB body');
    });

    it('caps what the model gets and says how much was left out', async () => {
      const result = await fetchUrl(site.url('/long'), trusted, context(), { ...FETCH_LIMITS, maxChars: 1000 });
      assert.match(result.content, /\n\ny{1000}\n\n\(cut: the first 1,000 of 60,000 characters\)$/);
    });

    it('follows redirects within the bound and names where it landed', async () => {
      const result = await fetchUrl(site.url('/hop?n=5'));
      assert.equal(result.content, `URL: ${site.url('/plain')} (after 5 redirects)\n\njust text\n`);
    });

    it('gives up past the redirect bound', async () => {
      const result = await fetchUrl(site.url('/hop?n=6'));
      assert.equal(result.isError, true);
      assert.match(result.content, /Too many redirects \(more than 5\)/);
      assert.equal(site.requests.length, 6);
    });

    it('does not follow a redirect to another scheme', async () => {
      const result = await fetchUrl(site.url('/to-file'));
      assert.match(result.content, /Only http and https URLs can be fetched, not file:/);
    });

    it('stops at once when the turn is cancelled', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const result = await fetchUrl(site.url('/hang'), trusted, context({ approved: true }, controller.signal));
      assert.equal(result.isError, true);
      assert.equal(result.content, 'Cancelled.');
      assert.ok(Date.now() - started < 3000);
    });

    it('times out a server that never answers', async () => {
      const result = await fetchUrl(site.url('/hang'), trusted, context(), { ...FETCH_LIMITS, timeoutMs: 300 });
      assert.match(result.content, /^Timed out after 0 s fetching http:\/\/localhost:\d+\/hang\.$/);
    });
  });

  describe('private addresses', () => {
    const approvedOnly: FetchPolicy = { allowDomains: [], privateHosts: [] };

    it('refuses a loopback name without permission, before any request reaches it', async () => {
      const result = await fetchUrl(site.url('/plain'), approvedOnly);
      assert.equal(result.isError, true);
      assert.match(result.content, /^Refused: localhost \(127\.0\.0\.1\) is a loopback address, not on the public internet\. The user can allow/);
      assert.equal(site.requests.length, 0);
    });

    it('refuses loopback written as an IP, IPv4-mapped IPv6, or in decimal', async () => {
      for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '2130706433']) {
        const result = await fetchUrl(site.url('/plain', host), approvedOnly);
        assert.match(result.content, /^Refused: .* is a loopback address/, host);
      }
      assert.equal(site.requests.length, 0);
    });

    it('refuses the cloud metadata address and private ranges', async () => {
      for (const [url, range] of [
        ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
        ['http://10.0.0.1/', 'private'],
        ['http://[fd00:ec2::254]/', 'uniqueLocal'],
      ]) {
        const result = await fetchUrl(url, approvedOnly);
        assert.match(result.content, new RegExp(`is a ${range} address`), url);
      }
    });

    it('fetches from a loopback host the user allowed', async () => {
      const result = await fetchUrl(site.url('/plain'), { allowDomains: [], privateHosts: ['localhost'] });
      assert.equal(result.isError, undefined);
      assert.match(result.content, /just text/);
    });

    it('refuses a redirect from an allowed private host to one that is not', async () => {
      const result = await fetchUrl(site.url('/to-ip'), { allowDomains: [], privateHosts: ['localhost'] });
      assert.equal(asked.length, 1);
      assert.equal(result.isError, true);
      assert.match(result.content, /^Refused: 127\.0\.0\.1 is a loopback address/);
      assert.equal(site.requests.length, 1);
    });
  });

  describe('approval', () => {
    const anyHost: FetchPolicy = { allowDomains: [], privateHosts: ['*'] };

    it('asks the user before fetching from a domain not on the allow list, showing the URL', async () => {
      const result = await fetchUrl(site.url('/plain#part'), anyHost);
      assert.deepEqual(asked, [{ kind: 'execute', title: `Fetch ${site.url('/plain')}`, web: true }]);
      assert.match(result.content, /just text/);
    });

    it('does not fetch when the user says no', async () => {
      const result = await fetchUrl(site.url('/plain'), anyHost, context({ approved: false, reason: 'not that site' }));
      assert.equal(result.content, 'The user did not allow this fetch: not that site');
      assert.equal(site.requests.length, 0);
    });

    it('fetches from an allowed domain without asking, but not a redirect off the list', async () => {
      const policy: FetchPolicy = { allowDomains: ['localhost'], privateHosts: ['*'] };
      assert.match((await fetchUrl(site.url('/plain'), policy)).content, /just text/);
      const redirected = await fetchUrl(site.url('/to-ip'), policy);
      assert.match(redirected.content, /redirects to http:\/\/127\.0\.0\.1:\d+\/plain, whose domain is not on the allow list\. Call fetch_url with that URL/);
      assert.equal(asked.length, 0);
    });
  });
});
