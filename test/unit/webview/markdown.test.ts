import assert from 'node:assert/strict';
import { renderInlineCode, renderMarkdown } from '../../../src/webview/markdown';

describe('renderMarkdown', () => {
  it('renders headings, emphasis and lists', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** text\n\n- one\n- two');
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<li>one<\/li>\s*<li>two<\/li>/);
  });

  const hostile: Array<[string, string]> = [
    ['a script tag', '<script>alert(1)</script>'],
    ['an inline event handler', '<img src=x onerror="alert(1)">'],
    ['an iframe', '<iframe src="https://example.com"></iframe>'],
    ['a style tag', '<style>body{display:none}</style>'],
    ['HTML inside a paragraph', 'hello <b onmouseover="x()">there</b>'],
  ];
  for (const [name, input] of hostile) {
    it(`shows ${name} from the model as text, never as HTML`, () => {
      const html = renderMarkdown(input);
      assert.doesNotMatch(html, /<(script|img|iframe|style|b)\b/i);
      assert.match(html, /&lt;/);
    });
  }

  it('does not turn Markdown images into requests', () => {
    const html = renderMarkdown('![tracker](https://example.com/pixel.png)');
    assert.doesNotMatch(html, /<img/i);
  });

  it('refuses javascript: links', () => {
    const html = renderMarkdown('[click](javascript:alert(1))');
    assert.doesNotMatch(html, /href="javascript:/i);
  });

  it('highlights a known language and escapes its code', () => {
    const html = renderMarkdown('```ts\nconst a: number = 1 < 2;\n```');
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.match(html, /&lt;/);
    assert.match(html, /class="hljs language-ts"/);
  });

  it('escapes code in an unknown language without highlighting it', () => {
    const html = renderMarkdown('```brainfudge\n<div>++</div>\n```');
    assert.match(html, /&lt;div&gt;\+\+&lt;\/div&gt;/);
    assert.doesNotMatch(html, /hljs-/);
  });

  it('gives every code block a copy button', () => {
    const html = renderMarkdown('```js\na()\n```\n\ntext\n\n```\nplain\n```');
    assert.equal(html.match(/<button class="copy"/g)?.length, 2);
    assert.match(html, /aria-label="Copy code"/);
  });

  it('cannot break out of the code block through the info string', () => {
    const html = renderMarkdown('```"><script>x</script>\ncode\n```');
    assert.doesNotMatch(html, /<script/i);
  });

  it('marks links to open without a reference back', () => {
    const html = renderMarkdown('see https://example.com');
    assert.match(html, /<a href="https:\/\/example.com" rel="noopener noreferrer">/);
  });
});

describe('renderInlineCode', () => {
  it('shows code spans as code and leaves everything else as written, HTML as text', () => {
    assert.equal(
      renderInlineCode('Run `npm test` on __init__.py, *not* <b>x</b> or [a](https://example.com)'),
      'Run <code>npm test</code> on __init__.py, *not* &lt;b&gt;x&lt;/b&gt; or [a](https://example.com)',
    );
  });
});
