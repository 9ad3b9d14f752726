import assert from 'node:assert/strict';
import { lineCounts } from '../../../src/agent/tools/changedLines';

describe('lineCounts', () => {
  const cases: Array<[string, string, string, { added: number; removed: number }]> = [
    ['a new file', '', 'one\ntwo\nthree\n', { added: 3, removed: 0 }],
    ['a changed line', 'a\nb\nc\n', 'a\nB\nc\n', { added: 1, removed: 1 }],
    ['lines removed and added apart', 'a\nb\nc\nd\ne\n', 'a\nc\nd\ne\nf\ng\n', { added: 2, removed: 1 }],
    ['no change', 'same\n', 'same\n', { added: 0, removed: 0 }],
    ['a byte-order mark that stays', '\uFEFFa\n', '\uFEFFa\nb\n', { added: 1, removed: 0 }],
  ];
  for (const [name, before, after, expected] of cases) {
    it(`counts ${name}`, () => assert.deepEqual(lineCounts(before, after), expected));
  }
});
