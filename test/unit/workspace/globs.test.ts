import { strict as assert } from 'node:assert';
import { globFilter, globToRegExp, splitGlobs } from '../../../src/agent/workspace/globs';

// Each row was checked against `rg --files --glob GLOB` on the same paths.
const paths = ['a.ts', 'src/b.ts', 'src/sub/c.ts', 'lib/d.ts', 'sub/e.ts', 'src/f.js'];
const table: Array<[glob: string, matched: string[]]> = [
  ['*.ts', ['a.ts', 'src/b.ts', 'src/sub/c.ts', 'lib/d.ts', 'sub/e.ts']],
  ['src/*.ts', ['src/b.ts']],
  ['src/**', ['src/b.ts', 'src/sub/c.ts', 'src/f.js']],
  ['sub/*.ts', ['sub/e.ts']],
  ['**/sub/*.ts', ['src/sub/c.ts', 'sub/e.ts']],
  ['src', []],
  ['*.{ts,js}', paths],
  ['/src/*.ts', ['src/b.ts']],
  ['src/**/*.ts', ['src/b.ts', 'src/sub/c.ts']],
  ['?.ts', ['a.ts', 'src/b.ts', 'src/sub/c.ts', 'lib/d.ts', 'sub/e.ts']],
  ['[ab].ts', ['a.ts', 'src/b.ts']],
];

describe('globToRegExp', () => {
  for (const [glob, matched] of table) {
    it(`matches ${glob} as ripgrep does`, () => {
      const regex = globToRegExp(glob);
      assert.deepEqual(paths.filter((path) => regex.test(path)), matched);
    });
  }
});

describe('globFilter', () => {
  it('keeps only files an including glob matches', () => {
    const filter = globFilter(['*.ts']);
    assert.deepEqual(paths.filter((path) => filter.includesFile(path)), ['a.ts', 'src/b.ts', 'src/sub/c.ts', 'lib/d.ts', 'sub/e.ts']);
  });

  it('keeps everything else when only excluding globs are given, and skips excluded folders', () => {
    const filter = globFilter(['!src']);
    assert.equal(filter.includesFile('lib/d.ts'), true);
    assert.equal(filter.excludesFolder('src'), true);
    assert.equal(filter.excludesFolder('lib'), false);
  });

  it('lets the last matching glob decide', () => {
    const filter = globFilter(['*.ts', '!*.test.ts']);
    assert.equal(filter.includesFile('src/a.ts'), true);
    assert.equal(filter.includesFile('src/a.test.ts'), false);
  });
});

describe('splitGlobs', () => {
  it('splits on commas outside braces and trims', () => {
    assert.deepEqual(splitGlobs('*.ts, *.tsx'), ['*.ts', '*.tsx']);
    assert.deepEqual(splitGlobs('*.{ts,tsx},!dist/**'), ['*.{ts,tsx}', '!dist/**']);
    assert.deepEqual(splitGlobs(undefined), []);
    assert.deepEqual(splitGlobs(''), []);
  });
});
