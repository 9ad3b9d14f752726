import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { markdownBlocks, renderMarkdown } from '../../../src/webview/markdown';
import { StreamingMarkdown, finishedCount } from '../../../src/webview/streamingMarkdown';

const { document } = parseHTML('<!DOCTYPE html><html><body></body></html>');

function stream(): StreamingMarkdown {
  return new StreamingMarkdown(document.createElement('div'));
}

/** The HTML a full render of `text` becomes in the same DOM. */
function fullRender(text: string): string {
  const element = document.createElement('div');
  element.innerHTML = renderMarkdown(text);
  return element.innerHTML;
}

function streamInChunks(view: StreamingMarkdown, text: string, size: number): void {
  for (let end = size; end < text.length; end += size) view.update(text.slice(0, end), false);
  view.update(text, true);
}

const reply = [
  '# Title\n\nIntro with **bold** and `code`.\n\n',
  '```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n',
  '- one\n- two\n\n  still two\n- three\n\n',
  'Setext heading\n---\n\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n',
  '> quoted\nlazy line\n\npara\n#not a heading\n\n',
  '    indented code\n\n    more of it\n\nDone.',
].join('');

describe('finishedCount', () => {
  const blocks = (text: string) => markdownBlocks(text, {});
  const cases: Array<[string, string, number]> = [
    ['none while there is one block', 'Hello wor', 0],
    ['every block before the open one', 'One.\n\nTwo.\n\nThree.\n', 2],
    ['not a block a half-written line follows ("2" may become "2. item" of the list)', '1. a\n\n2', 0],
    ['none inside an open code fence', 'Intro.\n\n```js\na()\n\nb()\n', 1],
    ['a closed fence once a block follows it', 'Intro.\n\n```js\na()\n```\n\nMore\n', 2],
    ['not a paragraph a half-written line may continue ("#" could become "#x")', 'Para\n#', 0],
    ['a paragraph a complete heading line ended', 'Para\n# H\n', 1],
    ['not a list a blank line may yet continue', '- a\n\n', 0],
  ];
  for (const [name, text, expected] of cases) {
    it(`counts ${name}`, () => assert.equal(finishedCount(blocks(text), text.split('\n').length - 1), expected));
  }
});

describe('StreamingMarkdown', () => {
  for (const size of [1, 7, 23, 200]) {
    it(`ends exactly as a full render of the reply (chunks of ${size})`, () => {
      const view = stream();
      streamInChunks(view, reply, size);
      assert.equal(view.element.innerHTML, fullRender(reply));
    });
  }

  it('keeps the DOM nodes of finished blocks while the reply streams on', () => {
    const view = stream();
    const start = '# Title\n\nIntro.\n\n```ts\nconst a = 1;\n```\n\n- one\n';
    view.update(start, false);
    const [heading, , paragraph, , code] = [...view.element.childNodes];
    assert.equal((heading as Element).tagName, 'H1');
    assert.equal((code as Element).className, 'code-block');
    const rest = '- two\n\nMore text.\n\nAnd more.';
    for (let end = 1; end <= rest.length; end++) view.update(start + rest.slice(0, end), false);
    view.update(start + rest, true);
    const nodes = [...view.element.childNodes];
    assert.equal(nodes[0], heading);
    assert.equal(nodes[2], paragraph);
    assert.equal(nodes[4], code);
    assert.equal(view.element.innerHTML, fullRender(start + rest));
  });

  it('highlights finished code blocks but not the one still being written', () => {
    const view = stream();
    view.update('Look:\n\n```ts\nconst a = 1;\n', false);
    assert.doesNotMatch(view.element.innerHTML, /hljs-keyword/);
    view.update('Look:\n\n```ts\nconst a = 1;\n```\n\nNext\n', false);
    assert.match(view.element.innerHTML, /<span class="hljs-keyword">const<\/span>/);
  });

  it('draws links whose reference comes later as a full render does', () => {
    const text = 'See [the docs][d].\n\nMore.\n\n[d]: https://example.com\n';
    const view = stream();
    streamInChunks(view, text, 3);
    assert.equal(view.element.innerHTML, fullRender(text));
    assert.match(view.element.innerHTML, /href="https:\/\/example.com"/);
  });

  it('starts over when the text is not a continuation', () => {
    const view = stream();
    view.update('First.\n\nSecond', false);
    view.update('Other.\n\nText', false);
    assert.match(view.element.innerHTML, /<p>Other\.<\/p>/);
    assert.doesNotMatch(view.element.innerHTML, /First/);
    view.update('Other.\n\nText', true);
    view.update('Third.', true);
    assert.equal(view.element.innerHTML, fullRender('Third.'));
  });

  it('never lets raw HTML through while streaming', () => {
    const view = stream();
    view.update('Hi <img src=x onerror=alert(1)>\n\n<script>x', false);
    assert.equal(view.element.querySelector('img, script'), null);
  });
});
