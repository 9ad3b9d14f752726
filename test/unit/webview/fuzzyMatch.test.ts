import { strict as assert } from 'node:assert';
import { fuzzyFilter, fuzzyScore } from '../../../src/webview/fuzzyMatch';

describe("the @ picker's fuzzy filter", () => {
  const paths = ['src/agent/loop.ts', 'src/host/chat/chatController.ts', 'README.md', 'src/webview/view/composer.ts', 'test/unit/agent/loop.test.ts'];
  const filter = (query: string, boost?: (path: string) => number) => fuzzyFilter(paths, query, (path) => path, boost);

  it("matches the query's characters in order, case ignored", () => {
    assert.notEqual(fuzzyScore('ChCtl', 'src/host/chat/chatController.ts'), undefined);
    assert.equal(fuzzyScore('ltc', 'src/agent/loop.ts'), undefined);
  });

  it('keeps everything, in order, for an empty query', () => {
    assert.deepEqual(filter(''), paths);
  });

  it("puts a match in the file's own name before one spread over its folders", () => {
    assert.deepEqual(filter('loop'), ['src/agent/loop.ts', 'test/unit/agent/loop.test.ts']);
    assert.equal(filter('comp')[0], 'src/webview/view/composer.ts');
  });

  it('ranks word starts and runs: "cc" finds chatController', () => {
    assert.equal(filter('cc')[0], 'src/host/chat/chatController.ts');
  });

  it('matches a query across folders', () => {
    assert.deepEqual(filter('hostchat'), ['src/host/chat/chatController.ts']);
  });

  it('lets a boost (an open file) lift an item among equals', () => {
    const boosted = filter('loop', (path) => (path.startsWith('test/') ? 10 : 0));
    assert.equal(boosted[0], 'test/unit/agent/loop.test.ts');
  });
});
