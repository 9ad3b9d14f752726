import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/markdown';
import { StreamingMarkdown, stableBoundary } from '../../../src/webview/streamingMarkdown';

describe('stableBoundary', () => {
  const cases: Array<[string, string, number]> = [
    ['no blank line yet', 'Hello wor', 0],
    ['after the last blank line', 'One.\n\nTwo.\n\nThr', 'One.\n\nTwo.\n\n'.length],
    ['not inside an open fence', 'Intro.\n\n```js\na()\n\nb()\n', 'Intro.\n\n'.length],
    ['after a closed fence', 'Intro.\n\n```js\na()\n\nb()\n```\n\nMore', 'Intro.\n\n```js\na()\n\nb()\n```\n\n'.length],
    ['with tilde fences', '~~~\nx\n\ny\n~~~\n\nz', '~~~\nx\n\ny\n~~~\n\n'.length],
    ['a shorter fence does not close a longer one', '````\n```\n\nstill code\n', 0],
    ['a blank line still being typed', 'One.\n', 0],
  ];
  for (const [name, text, expected] of cases) {
    it(`cuts ${name}`, () => assert.equal(stableBoundary(text), expected));
  }

  it('searches on from a previous boundary', () => {
    const text = 'A.\n\nB.\n\nC';
    assert.equal(stableBoundary(text, 4), 8);
  });
});

describe('StreamingMarkdown', () => {
  it('renders each stage of a stream as Markdown of the text so far', () => {
    const full = 'Intro with **bold**.\n\n```ts\nconst a = 1;\n```\n\n- one\n- two\n\nDone.';
    const stream = new StreamingMarkdown();
    for (let end = 1; end <= full.length; end += 7) {
      const html = stream.render(full.slice(0, end));
      assert.ok(!html.includes('undefined'));
    }
    const last = stream.render(full);
    assert.equal(last.replace(/\s+/g, ''), renderMarkdown(full).replace(/\s+/g, ''));
  });

  it('highlights finished code blocks but not the one still being written', () => {
    const stream = new StreamingMarkdown();
    const open = stream.render('Look:\n\n```ts\nconst a = 1;\n');
    assert.doesNotMatch(open, /hljs-keyword/);
    const closed = stream.render('Look:\n\n```ts\nconst a = 1;\n```\n\nNext');
    assert.match(closed, /<span class="hljs-keyword">const<\/span>/);
  });

  it('renders finished parts once, not on every frame', () => {
    const stream = new StreamingMarkdown();
    const prefix = 'Paragraph one.\n\n'.repeat(50);
    stream.render(prefix);
    const started = performance.now();
    for (let i = 0; i < 200; i++) stream.render(`${prefix}tail ${i}`);
    const perFrame = (performance.now() - started) / 200;
    const full = performance.now();
    for (let i = 0; i < 20; i++) renderMarkdown(`${prefix}tail`);
    const perFullRender = (performance.now() - full) / 20;
    assert.ok(perFrame < perFullRender / 3, `a frame took ${perFrame.toFixed(3)} ms, a full render ${perFullRender.toFixed(3)} ms`);
  });

  it('starts over when the text is not a continuation', () => {
    const stream = new StreamingMarkdown();
    stream.render('First.\n\nSecond');
    assert.match(stream.render('Other.\n\nText'), /<p>Other\.<\/p>/);
    assert.doesNotMatch(stream.render('Other.\n\nText'), /First/);
  });

  it('never lets raw HTML through while streaming', () => {
    const stream = new StreamingMarkdown();
    assert.doesNotMatch(stream.render('Hi <img src=x onerror=alert(1)>\n\n<script>x'), /<(img|script)/);
  });
});
