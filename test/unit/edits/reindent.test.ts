import { strict as assert } from 'node:assert';
import { reindent, type IndentPair } from '../../../src/agent/edits/reindent';

describe('reindent', () => {
  const cases: Array<{ name: string; lines: string[]; pairs: IndentPair[]; expected: string[] }> = [
    { name: 'adds the indentation the model left out', lines: ['if x:', '    y()'], pairs: [['', '    ']], expected: ['    if x:', '        y()'] },
    { name: 'takes away indentation the model added', lines: ['        a()', '            b()'], pairs: [['        ', '    ']], expected: ['    a()', '        b()'] },
    { name: 'outdents a line no further than its own indentation', lines: ['        a()', '  b()'], pairs: [['        ', '    ']], expected: ['    a()', 'b()'] },
    { name: 'turns four-space levels into tabs', lines: ['    a', '        b'], pairs: [['    ', '\t'], ['        ', '\t\t']], expected: ['\ta', '\t\tb'] },
    { name: 'turns tabs into the file\'s two-space levels', lines: ['\ta', '\t\tb'], pairs: [['\t', '  '], ['\t\t', '    ']], expected: ['  a', '    b'] },
    { name: 'keeps alignment spaces left over after whole tab levels', lines: ['    f(a,', '      b)'], pairs: [['    ', '\t'], ['', '']], expected: ['\tf(a,', '\t  b)'] },
    { name: 'follows the shift most lines agree on', lines: ['  x', '  y'], pairs: [['  ', '    '], ['  ', '    '], ['    ', '    ']], expected: ['    x', '    y'] },
    { name: 'leaves blank and whitespace-only lines alone', lines: ['a', '', '   ', 'b'], pairs: [['', '\t']], expected: ['\ta', '', '   ', '\tb'] },
    { name: 'changes nothing without a matched non-blank line', lines: ['  a'], pairs: [], expected: ['  a'] },
  ];
  for (const { name, lines, pairs, expected } of cases) {
    it(name, () => assert.deepEqual(reindent(lines, pairs), expected));
  }
});
