import { strict as assert } from 'node:assert';
import { GITIGNORE, IgnoreRules, OUROIGNORE, anchorPattern, ignoreFilesFor, isSecret, isUnlisted } from '../../../src/agent/workspace/ignoreRules';

function rules(files: Array<[dir: string, name: '.gitignore' | '.ouroignore', content: string]>): IgnoreRules {
  const made = new IgnoreRules();
  for (const [dir, name, content] of files) made.add(dir, name, content);
  return made;
}

describe('IgnoreRules', () => {
  it('hides files matching the root .gitignore at any depth', () => {
    const r = rules([['', '.gitignore', '*.log\n']]);
    assert.equal(r.hides('a.log', false), true);
    assert.equal(r.hides('deep/down/a.log', false), true);
    assert.equal(r.hides('a.txt', false), false);
  });

  it('hides a folder pattern and everything under it, but not a file of that name', () => {
    const r = rules([['', '.gitignore', 'build/']]);
    assert.equal(r.hides('build', true), true);
    assert.equal(r.hides('build/out/x.js', false), true);
    assert.equal(r.hides('build', false), false);
  });

  it('applies a nested .gitignore only below its folder, anchored there', () => {
    const r = rules([['src', '.gitignore', 'gen/\n/local.ts\n']]);
    assert.equal(r.hides('src/gen/a.ts', false), true);
    assert.equal(r.hides('src/deeper/gen/a.ts', false), true);
    assert.equal(r.hides('gen/a.ts', false), false);
    assert.equal(r.hides('src/local.ts', false), true);
    assert.equal(r.hides('src/sub/local.ts', false), false);
  });

  it('lets a deeper .gitignore re-include what a shallower one ignored', () => {
    const r = rules([
      ['', '.gitignore', '*.log'],
      ['keep', '.gitignore', '!important.log'],
    ]);
    assert.equal(r.hides('keep/important.log', false), false);
    assert.equal(r.hides('keep/other.log', false), true);
    assert.equal(r.hides('elsewhere/important.log', false), true);
  });

  it('cannot re-include a file inside an ignored folder, as git', () => {
    const r = rules([['', '.gitignore', 'out/\n!out/keep.txt']]);
    assert.equal(r.hides('out/keep.txt', false), true);
  });

  it('reads CRLF ignore files and skips comments and blank lines', () => {
    const r = rules([['sub', '.gitignore', '# generated\r\n\r\n*.tmp\r\n']]);
    assert.equal(r.hides('sub/a.tmp', false), true);
    assert.equal(r.hides('sub/# generated', false), false);
  });

  it('lets .ouroignore hide what .gitignore re-includes, and says which file hid it', () => {
    const r = rules([
      ['', '.ouroignore', 'secrets/\n'],
      ['', '.gitignore', '*.csv\n!secrets/'],
      ['src', '.gitignore', '*.gen.ts'],
    ]);
    assert.equal(r.hiddenBy('secrets/a.txt', false), '.ouroignore');
    assert.equal(r.hiddenBy('data.csv', false), '.gitignore');
    assert.equal(r.hiddenBy('src/x.gen.ts', false), 'src/.gitignore');
    assert.equal(r.hiddenBy('src/x.ts', false), undefined);
    assert.equal(r.hiddenBy('', true), undefined);
  });

  it('matches case-sensitively, as ripgrep does', () => {
    const r = rules([['', '.gitignore', 'Build/']]);
    assert.equal(r.hides('Build/a', false), true);
    assert.equal(r.hides('build/a', false), false);
  });
});

describe('IgnoreRules in a walk', () => {
  it('judges an entry of a visible folder as hides() does, over nested, negated and folder rules', () => {
    const rules = new IgnoreRules();
    rules.add('', GITIGNORE, '*.log\nbuild/\n!keep.log\n/top.txt\ndocs/**/*.tmp\n');
    rules.add('', OUROIGNORE, 'secret*\n!secret.md\n');
    rules.add('src', GITIGNORE, 'gen/\n!important.log\n*.snap\n/local.txt\n');
    rules.add('src/lib', GITIGNORE, '!*.snap\nvendor\n');
    const names = ['a.log', 'keep.log', 'important.log', 'top.txt', 'local.txt', 'x.snap', 'vendor', 'build', 'gen', 'secret.txt', 'secret.md', 'note.tmp', 'ok.ts'];
    const folders = ['', 'src', 'src/lib', 'src/lib/deep', 'docs', 'docs/a', 'other'];
    let compared = 0;
    for (const folder of folders) {
      // Only folders a walk would enter: none of them, nor any above them, hidden.
      const chain = folder.split('/').map((_, at, parts) => parts.slice(0, at + 1).join('/'));
      if (folder && chain.some((above) => rules.hides(above, true))) continue;
      for (const name of names) {
        for (const isDirectory of [false, true]) {
          const path = folder ? `${folder}/${name}` : name;
          assert.equal(rules.hidesInVisibleFolder(path, isDirectory), rules.hides(path, isDirectory), `${path}${isDirectory ? '/' : ''}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 100);
  });
});

describe('ignoreFilesFor', () => {
  it('lists .ouroignore and the .gitignore of the root and of each parent folder, shallow first', () => {
    assert.deepEqual(ignoreFilesFor('a/b/c.ts'), [
      { dir: '', name: '.ouroignore' },
      { dir: '', name: '.gitignore' },
      { dir: 'a', name: '.gitignore' },
      { dir: 'a/b', name: '.gitignore' },
    ]);
    assert.deepEqual(ignoreFilesFor(''), [
      { dir: '', name: '.ouroignore' },
      { dir: '', name: '.gitignore' },
    ]);
  });
});

describe('anchorPattern', () => {
  for (const [dir, line, expected] of [
    ['', '*.log', '*.log'],
    ['src', '*.log', 'src/**/*.log'],
    ['src', '/dist', 'src/dist'],
    ['src', 'gen/out', 'src/gen/out'],
    ['src', 'gen/', 'src/**/gen/'],
    ['src', '!keep.log', '!src/**/keep.log'],
    ['src', '**/tmp', 'src/**/tmp'],
    ['a[1]', 'x', 'a\\[1\\]/**/x'],
    ['src', '# comment', '# comment'],
    ['src', '', ''],
  ]) {
    it(`rewrites "${line}" from "${dir || '(root)'}" as "${expected}"`, () => {
      assert.equal(anchorPattern(dir, line), expected);
    });
  }
});

describe('isSecret', () => {
  for (const path of ['.env', '.env.local', 'config/.env.production', '.envrc', 'server.pem', 'certs/tls.key', 'id_rsa', '.ssh/id_ed25519', 'store.p12', '.netrc']) {
    it(`treats ${path} as a secret`, () => assert.equal(isSecret(path), true));
  }
  for (const path of ['.env.example', '.env.sample', 'id_rsa.pub', 'src/env.ts', 'environment.ts', 'keyboard.ts', 'key.ts', 'docs/keys.md']) {
    it(`does not treat ${path} as a secret`, () => assert.equal(isSecret(path), false));
  }
});

describe('isUnlisted', () => {
  it('leaves .git and node_modules out of listings at any depth, and nothing else', () => {
    assert.equal(isUnlisted('.git/config'), true);
    assert.equal(isUnlisted('packages/a/node_modules/x/index.js'), true);
    assert.equal(isUnlisted('node_modules'), true);
    assert.equal(isUnlisted('src/.github/workflows/ci.yml'), false);
    assert.equal(isUnlisted('node_modules_backup/x'), false);
  });
});
