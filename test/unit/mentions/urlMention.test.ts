import { strict as assert } from 'node:assert';
import { urlMention } from '../../../src/agent/mentions/urlMention';
import type { ApprovalRequest } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { TestSite } from '../../fixtures/webSite';
import { useTempTrees } from '../workspace/tempTree';

describe('@url mentions', function () {
  this.timeout(15000);
  const temp = useTempTrees();
  let site: TestSite;

  before(async () => {
    site = await new TestSite({ '/notes': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('release notes\n') }).start();
  });
  after(() => site.stop());

  const mention = async (url: string, approved: boolean, policy = { allowDomains: [] as string[], privateHosts: ['localhost'] }) => {
    const asked: ApprovalRequest[] = [];
    const approver = { approve: async (request: ApprovalRequest) => (asked.push(request), { approved }) };
    const run = urlMention(url, { policy, workspace: new NodeWorkspace(await temp.tree({})), approver, signal: new AbortController().signal });
    return { run, asked };
  };

  it('fetches the page once the person approves, and gives it as fetch_url does', async () => {
    const { run, asked } = await mention(site.url('/notes'), true);
    assert.equal(await run, `URL: ${site.url('/notes')}\n\nrelease notes\n`);
    assert.deepEqual(asked.map((request) => request.title), [`Fetch ${site.url('/notes')}`]);
  });

  it('asks nothing for a domain on the allow list', async () => {
    const { run, asked } = await mention(site.url('/notes'), false, { allowDomains: ['localhost'], privateHosts: ['localhost'] });
    assert.match(await run, /release notes/);
    assert.equal(asked.length, 0);
  });

  it('fetches nothing the person refused', async () => {
    const { run } = await mention(site.url('/notes'), false);
    await assert.rejects(run, /did not allow this fetch/);
  });

  it("keeps fetch_url's rules: a private address that is not allowed, a scheme that is not http", async () => {
    await assert.rejects((await mention(site.url('/notes'), true, { allowDomains: [], privateHosts: [] })).run, /private|loopback|local/i);
    await assert.rejects((await mention('file:///etc/passwd', true)).run, /Only http and https/);
  });
});
