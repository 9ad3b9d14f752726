// Hidden tests: every item on exactly one page, in order.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { paginate, pageCount } = await import(pathToFileURL(resolve('src/paginate.js')).href);
const items = Array.from({ length: 7 }, (_, i) => i + 1);
assert.deepEqual(paginate(items, 1, 3), [1, 2, 3]);
assert.deepEqual(paginate(items, 2, 3), [4, 5, 6]);
assert.deepEqual(paginate(items, 3, 3), [7]);
assert.equal(pageCount(items, 3), 3);
const all = Array.from({ length: pageCount(items, 2) }, (_, i) => paginate(items, i + 1, 2)).flat();
assert.deepEqual(all, items);
