import { strict as assert } from 'node:assert';
import { comparePaths, displayPath, nameFolders, relativeInside, resolveWorkspacePath, type WorkspaceFolder } from '../../../src/agent/workspace/paths';
import { WorkspaceError } from '../../../src/agent/workspace/workspace';

const single: WorkspaceFolder[] = [{ name: 'proj', root: '/w/proj' }];
const multi: WorkspaceFolder[] = [
  { name: 'app', root: '/w/app' },
  { name: 'lib', root: '/w/lib' },
];

function refusal(folders: WorkspaceFolder[], input: string, options = {}): string {
  try {
    const resolved = resolveWorkspacePath(folders, input, options);
    assert.fail(`expected "${input}" to be refused, got ${JSON.stringify(resolved.relative)}`);
  } catch (error) {
    assert.ok(error instanceof WorkspaceError, `expected a WorkspaceError, got ${error}`);
    return error.message;
  }
}

describe('resolveWorkspacePath', () => {
  describe('in a single-root workspace', () => {
    for (const [input, relative, display] of [
      ['src/a.ts', 'src/a.ts', 'src/a.ts'],
      ['', '', '.'],
      ['.', '', '.'],
      ['./src/../src/a.ts', 'src/a.ts', 'src/a.ts'],
      ['src//a.ts/', 'src/a.ts', 'src/a.ts'],
      ['src\\lib\\a.ts', 'src/lib/a.ts', 'src/lib/a.ts'],
      ['  src/a.ts  ', 'src/a.ts', 'src/a.ts'],
      ['/w/proj/src/a.ts', 'src/a.ts', 'src/a.ts'],
      ['/w/proj', '', '.'],
      ['/w/proj/', '', '.'],
      ['/w/proj/x/../y', 'y', 'y'],
    ]) {
      it(`reads "${input}" as "${relative}"`, () => {
        const resolved = resolveWorkspacePath(single, input);
        assert.equal(resolved.relative, relative);
        assert.equal(resolved.display, display);
        assert.equal(resolved.index, 0);
      });
    }

    for (const input of ['../x', 'src/../../x', '..', '/w/proj/../other/x', '/w/project2/x', '/etc/passwd', '~/x', '~', 'C:/w/proj/x']) {
      it(`refuses "${input}" as outside the workspace`, () => {
        const message = refusal(single, input);
        assert.match(message, /outside|home folder/);
        assert.match(message, /relative to the workspace folder/);
      });
    }

    it('refuses a NUL byte in the path', () => {
      assert.match(refusal(single, 'src/a\0.ts'), /NUL byte/);
    });

    it('refuses everything when no folder is open', () => {
      assert.match(refusal([], 'a.ts'), /No workspace folder/);
    });
  });

  describe('in a multi-root workspace', () => {
    for (const [input, index, relative, display] of [
      ['lib/x.ts', 1, 'x.ts', 'lib/x.ts'],
      ['app/src/x.ts', 0, 'src/x.ts', 'app/src/x.ts'],
      ['src/x.ts', 0, 'src/x.ts', 'app/src/x.ts'],
      ['lib', 1, '', 'lib'],
      ['/w/lib/y.ts', 1, 'y.ts', 'lib/y.ts'],
      ['app/../lib/z.ts', 1, 'z.ts', 'lib/z.ts'],
    ] as const) {
      it(`reads "${input}" as folder ${index}, "${relative}"`, () => {
        const resolved = resolveWorkspacePath(multi, input);
        assert.deepEqual([resolved.index, resolved.relative, resolved.display], [index, relative, display]);
      });
    }

    it('names the folders when refusing a path', () => {
      const message = refusal(multi, '../secret');
      assert.match(message, /app, lib/);
      assert.match(message, /"app\/src\/index.ts"/);
    });

    it('picks the deepest folder for an absolute path inside nested folders', () => {
      const nested = [
        { name: 'w', root: '/w' },
        { name: 'sub', root: '/w/sub' },
      ];
      const resolved = resolveWorkspacePath(nested, '/w/sub/a.ts');
      assert.deepEqual([resolved.index, resolved.relative], [1, 'a.ts']);
    });
  });

  describe('with Windows and URI roots', () => {
    it('matches drive letters in either case and either separator', () => {
      const folders = [{ name: 'proj', root: 'C:\\Users\\me\\proj' }];
      assert.equal(resolveWorkspacePath(folders, 'c:/Users/me/proj/src/a.ts').relative, 'src/a.ts');
      assert.equal(resolveWorkspacePath(folders, 'C:\\Users\\me\\proj\\src').relative, 'src');
      refusal(folders, 'C:\\Users\\me\\other\\a.ts');
    });

    it('reads a native path against a URI-path root', () => {
      const folders = [{ name: 'proj', root: '/c:/proj' }];
      assert.equal(resolveWorkspacePath(folders, 'C:\\proj\\x.ts').relative, 'x.ts');
    });

    it('compares case only when asked to ignore it', () => {
      assert.equal(resolveWorkspacePath(single, '/W/Proj/a.ts', { ignoreCase: true }).relative, 'a.ts');
      refusal(single, '/W/Proj/a.ts');
    });
  });
});

describe('relativeInside', () => {
  it('gives the relative path inside, "" for the root itself, and nothing outside', () => {
    assert.equal(relativeInside('/w/proj', '/w/proj/a/b'), 'a/b');
    assert.equal(relativeInside('/w/proj/', '/w/proj'), '');
    assert.equal(relativeInside('/w/proj', '/w/projects/a'), undefined);
    assert.equal(relativeInside('/w/proj', '/w'), undefined);
    assert.equal(relativeInside('/', '/etc/hosts'), 'etc/hosts');
  });
});

describe('nameFolders and displayPath', () => {
  it('names folders by their base names, numbering clashes', () => {
    assert.deepEqual(
      nameFolders(['/a/app', '/b/app', 'C:\\x\\lib', '/']).map((folder) => folder.name),
      ['app', 'app-2', 'lib', 'root'],
    );
  });

  it('shows multi-root paths with their folder name and single-root paths without', () => {
    assert.equal(displayPath(multi, 1, 'src/a.ts'), 'lib/src/a.ts');
    assert.equal(displayPath(multi, 0, ''), 'app');
    assert.equal(displayPath(single, 0, 'src/a.ts'), 'src/a.ts');
    assert.equal(displayPath(single, 0, ''), '.');
  });
});

describe('comparePaths', () => {
  it('orders folder by folder, so a folder\'s entries stay together', () => {
    const sorted = ['a-b', 'a/b', 'a/', 'a/b/c', 'b', 'a.txt'].sort(comparePaths);
    assert.deepEqual(sorted, ['a/', 'a/b', 'a/b/c', 'a-b', 'a.txt', 'b']);
  });

  it('agrees with comparing the segments one by one, for any paths', () => {
    const bySegments = (a: string, b: string): number => {
      const left = a.split('/');
      const right = b.split('/');
      for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
      return left.length - right.length;
    };
    // Short paths over a small alphabet meet every case: prefixes, '/' against '-', '.' and letters, trailing slashes.
    const alphabet = ['a', 'b', '-', '.', '/', 'é', 'A'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const path = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const [a, b] = [path(), path()];
      assert.equal(Math.sign(comparePaths(a, b)), Math.sign(bySegments(a, b)), `${a} vs ${b}`);
    }
  });
});
