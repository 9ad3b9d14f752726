import assert from 'node:assert/strict';
import { chatPageHtml } from '../../../src/host/chat/webviewHtml';

describe('chatPageHtml', () => {
  const html = chatPageHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123==',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/chat.css'],
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

  it('denies everything by default and allows scripts only with the nonce', () => {
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-abc123=='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('lets images, styles and fonts come only from the extension', () => {
    for (const directive of csp.split('; ').filter((d) => /^(img|style|font)-src/.test(d))) {
      for (const source of directive.split(' ').slice(1)) {
        assert.ok(['https://file+.vscode-resource.vscode-cdn.net', 'data:'].includes(source), `${directive} allows ${source}`);
      }
    }
  });

  it('loads the one script with the nonce, and nothing inline', () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123==" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"/);
    assert.match(html, /<script[^>]*><\/script>/);
  });

  it('has the labelled controls the chat is driven by', () => {
    assert.match(html, /<textarea id="prompt"[^>]*aria-label="Message Ouro"/);
    assert.match(html, /<button id="send"[^>]*aria-label="Send"/);
    assert.match(html, /<button id="stop"[^>]*aria-label="Stop"[^>]*hidden/);
    assert.doesNotMatch(html, /id="new-chat"/, 'New Chat is the view title\'s, not a second button in the page');
    assert.match(html, /<body data-busy="false"/);
    assert.match(html, /id="messages"/);
    assert.match(html, /id="model"/);
  });

  it("carries the editor's tab size to the page, and 4 when it is missing or not a size", () => {
    const page = (tabSize?: number) => chatPageHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUris: [], tabSize });
    assert.match(page(2), /<body [^>]*data-tab-size="2"/);
    assert.match(page(), /<body [^>]*data-tab-size="4"/);
    assert.match(page(0), /<body [^>]*data-tab-size="4"/);
  });
});
