// fetch_url in the chat: a page from a domain not on the allow list waits for the user's Accept
// on its card, showing the URL; a domain on the list is fetched without asking. The mock model
// answers with what the tool result said, so the answers prove the pages reached it.
import assert from 'node:assert/strict';
import { reply, textReply, toolCall, type MockRequest } from '../fixtures/mockOpenAI';
import { TestSite } from '../fixtures/webSite';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const page = (title: string, words: string) => `<html><head><title>${title}</title></head><body><h2>${title}</h2><p>${words}</p></body></html>`;

describe('fetch_url in the chat', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();
  let site: TestSite;

  before(async () => {
    site = await new TestSite({
      '/changelog': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('Changelog', 'Version 3 drops Node 18.')),
      '/guide': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('Guide', 'Install with npm.')),
    }).start();
  });
  after(() => site.stop());

  it('asks before fetching a page off the allow list, and not for a domain on it', async () => {
    const asked = site.url('/changelog', '127.0.0.1');
    const allowed = site.url('/guide', 'localhost');
    // Answers with the last line of the page the tool returned.
    const quote = (request: MockRequest) => textReply(`The page said: ${lastContent(request.body.messages, 'tool').split('\n').at(-1)}`);
    const scenario = await scenarios.open({
      name: '9-fetch-url',
      // The test site is on loopback: the user allows that host, as they would a local server.
      settings: { 'ouro.web.allowDomains': ['localhost'], 'ouro.web.allowPrivateHosts': ['127.0.0.1', 'localhost'] },
      script: [reply(toolCall('fetch_url', { url: asked })), quote, reply(toolCall('fetch_url', { url: allowed })), quote],
    });
    const chat = await scenario.openChat();

    await sendMessage(chat, 'what changed in version 3?');
    const waiting = toolCard(chat, 'fetch_url', 'waiting');
    await waiting.locator('.approval-title', { hasText: `Fetch ${asked}` }).waitFor();
    assert.equal(site.requests.length, 0, 'the page was fetched before the user accepted');
    await scenario.shot('fetch-asks');
    await waiting.locator('button.accept').click();
    await chat.locator('#messages .message.assistant', { hasText: 'The page said: Version 3 drops Node 18.' }).waitFor();
    await waitUntilIdle(chat);

    await sendMessage(chat, 'and how do I install it?');
    await chat.locator('#messages .message.assistant', { hasText: 'The page said: Install with npm.' }).waitFor();
    await waitUntilIdle(chat);
    await scenario.shot('allowed-domain-fetched');
    assert.equal(await chat.locator('#messages .tool-card[data-tool="fetch_url"] .approval').count(), 0);
    assert.equal(await toolCard(chat, 'fetch_url', 'done').count(), 2);
    assert.deepEqual(site.requests.map((request) => request.url), ['/changelog', '/guide']);
  });
});
