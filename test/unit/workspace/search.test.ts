import { strict as assert } from 'node:assert';
import { chmod, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { findRipgrep } from '../../../src/agent/workspace/ripgrep';
import { WorkspaceError, type SearchQuery, type SearchResult } from '../../../src/agent/workspace/workspace';
import { useTempTrees, type TreeSpec } from './tempTree';

/** A tree that exercises every rule both engines must agree on. */
const TREE: TreeSpec = {
  '.gitignore': 'dist/\n*.log\n',
  '.ouroignore': 'private/\n',
  'src/.gitignore': 'generated/\n',
  'src/app.ts': 'import { helper } from "./helper";\nconst TODO = 1;\n// todo: lower case\nexport const app = helper();\n',
  'src/helper.ts': 'export function helper() {\n  return 42; // TODO tidy\n}\n',
  'src/generated/out.ts': 'TODO generated\n',
  'src/deep/er/nested.ts': 'TODO deep\n',
  'src/crlf.ts': 'line one\r\nTODO end\r\nlast\r\n',
  'src/bom.ts': '\uFEFFTODO first\n',
  'src/logs/keep/.gitignore': '!keep.log\n',
  'src/logs/keep/keep.log': 'TODO kept log\n',
  'src/logs/drop.log': 'TODO dropped log\n',
  'dist/bundle.js': 'TODO built\n',
  'private/notes.md': 'TODO private\n',
  'node_modules/pkg/index.js': 'TODO dependency\n',
  '.git/HEAD': 'TODO git\n',
  '.env': 'TODO=secret\n',
  'docs/guide.md': 'TODO write docs\n',
  'image.bin': new Uint8Array([0x54, 0x4f, 0x44, 0x4f, 0x00, 0x01]),
};

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function lines(result: SearchResult): string[] {
  return result.matches.map((match) => `${match.path}:${match.line}:${match.text}`);
}

async function searchError(workspace: NodeWorkspace, query: SearchQuery): Promise<string> {
  try {
    await workspace.search(query);
  } catch (error) {
    assert.ok(error instanceof WorkspaceError, `expected a WorkspaceError, got ${error}`);
    return error.message;
  }
  assert.fail('expected the search to fail');
}

describe('NodeWorkspace search', () => {
  const temp = useTempTrees();
  let rg: string | undefined;

  before(async () => {
    rg = await findRipgrep();
    assert.ok(rg, 'ripgrep (rg) must be installed for these tests: apt-get install ripgrep');
  });

  for (const engine of ['ripgrep', 'node'] as const) {
    describe(`with ${engine}`, () => {
      const open = (root: string | string[], options: { allowSecrets?: boolean } = {}) =>
        new NodeWorkspace(root, { ...options, ripgrep: engine === 'ripgrep' ? rg : false });

      it('says which engine answered', async () => {
        const result = await open(await temp.tree(TREE)).search({ pattern: 'TODO', maxMatches: 50 });
        assert.equal(result.engine, engine);
      });

      it('honours .gitignore (root, nested, re-included), .ouroignore, .git, node_modules, secrets and binary files', async () => {
        const result = await open(await temp.tree(TREE)).search({ pattern: 'TODO', maxMatches: 50, caseSensitive: true });
        assert.deepEqual(lines(result), [
          'docs/guide.md:1:TODO write docs',
          'src/app.ts:2:const TODO = 1;',
          'src/bom.ts:1:TODO first',
          'src/crlf.ts:2:TODO end',
          'src/deep/er/nested.ts:1:TODO deep',
          'src/helper.ts:2:  return 42; // TODO tidy',
          'src/logs/keep/keep.log:1:TODO kept log',
        ]);
        assert.equal(result.total, 7);
      });

      it('does not search a secret file even when it is named as the path', async () => {
        const result = await open(await temp.tree(TREE)).search({ pattern: 'secret', path: '.env', maxMatches: 50 });
        assert.deepEqual(lines(result), []);
      });

      it('searches .env files when secrets are allowed', async () => {
        const result = await open(await temp.tree(TREE), { allowSecrets: true }).search({ pattern: 'secret', maxMatches: 50 });
        assert.deepEqual(lines(result), ['.env:1:TODO=secret']);
      });

      it('keeps the root .gitignore in force when searching a subfolder', async () => {
        const result = await open(await temp.tree(TREE)).search({ pattern: 'TODO', path: 'src/logs', maxMatches: 50 });
        assert.deepEqual(lines(result), ['src/logs/keep/keep.log:1:TODO kept log']);
      });

      it('filters by glob, as ripgrep reads globs', async () => {
        const root = await temp.tree(TREE);
        const ts = await open(root).search({ pattern: 'TODO', glob: 'src/**/*.ts,!**/deep/**', maxMatches: 50, caseSensitive: true });
        assert.deepEqual(lines(ts).map((line) => line.split(':')[0]), ['src/app.ts', 'src/bom.ts', 'src/crlf.ts', 'src/helper.ts']);
        const md = await open(root).search({ pattern: 'TODO', glob: '*.md', maxMatches: 50 });
        assert.deepEqual(lines(md), ['docs/guide.md:1:TODO write docs']);
      });

      it('is case-insensitive for a lower-case pattern unless told otherwise', async () => {
        const root = await temp.tree(TREE);
        const smart = await open(root).search({ pattern: 'todo', path: 'src/app.ts', maxMatches: 50 });
        assert.deepEqual(lines(smart), ['src/app.ts:2:const TODO = 1;', 'src/app.ts:3:// todo: lower case']);
        const strict = await open(root).search({ pattern: 'todo', path: 'src/app.ts', caseSensitive: true, maxMatches: 50 });
        assert.deepEqual(lines(strict), ['src/app.ts:3:// todo: lower case']);
        const upper = await open(root).search({ pattern: 'TODO', path: 'src/app.ts', maxMatches: 50 });
        assert.deepEqual(lines(upper), ['src/app.ts:2:const TODO = 1;']);
      });

      it('anchors $ before CRLF and ^ after a BOM', async () => {
        const root = await temp.tree(TREE);
        assert.deepEqual(lines(await open(root).search({ pattern: 'end$', maxMatches: 10 })), ['src/crlf.ts:2:TODO end']);
        assert.deepEqual(lines(await open(root).search({ pattern: '^TODO first', maxMatches: 10 })), ['src/bom.ts:1:TODO first']);
      });

      it('returns context lines before and after each match', async () => {
        const result = await open(await temp.tree(TREE)).search({ pattern: 'return 42', context: 1, maxMatches: 10 });
        assert.deepEqual(result.matches, [
          { path: 'src/helper.ts', line: 2, text: '  return 42; // TODO tidy', before: [[1, 'export function helper() {']], after: [[3, '}']] },
        ]);
      });

      it('caps the matches it returns and still counts them all', async () => {
        const spec: TreeSpec = {};
        for (let i = 0; i < 5; i++) spec[`f${i}.txt`] = 'hit\nmiss\nhit\n';
        const result = await open(await temp.tree(spec)).search({ pattern: 'hit', maxMatches: 3 });
        assert.equal(result.matches.length, 3);
        assert.equal(result.total, 10);
        assert.equal(result.totalIsLowerBound, undefined);
      });

      it('stops counting at its limit and says the total is a lower bound', async () => {
        const result = await open(await temp.tree({ 'many.txt': 'x\n'.repeat(12_000) })).search({ pattern: 'x', maxMatches: 5 });
        assert.equal(result.matches.length, 5);
        assert.equal(result.totalIsLowerBound, true);
        assert.ok(result.total >= 10_000 && result.total <= 12_000, `total ${result.total}`);
      });

      it('cuts very long lines', async () => {
        const result = await open(await temp.tree({ 'min.js': `${'a'.repeat(5000)}needle${'b'.repeat(5000)}\n` })).search({ pattern: 'needle', maxMatches: 5 });
        assert.ok(result.matches[0].text.length < 400);
        assert.match(result.matches[0].text, /more chars\]$/);
      });

      it('reports an invalid regular expression clearly', async () => {
        const message = await searchError(open(await temp.tree(TREE)), { pattern: 'foo(', maxMatches: 5 });
        assert.match(message, /^Invalid regular expression/);
      });

      it('searches every folder of a multi-root workspace and names them in paths', async () => {
        const app = await temp.tree({ 'main.ts': 'needle\n' });
        const lib = await temp.tree({ 'lib.ts': 'needle\n' });
        const workspace = open([app, lib]);
        const [appName, libName] = workspace.folders;
        assert.deepEqual(lines(await workspace.search({ pattern: 'needle', maxMatches: 10 })).sort(), [`${appName}/main.ts:1:needle`, `${libName}/lib.ts:1:needle`].sort());
        assert.deepEqual(lines(await workspace.search({ pattern: 'needle', path: libName, maxMatches: 10 })), [`${libName}/lib.ts:1:needle`]);
      });

      it('stops when the signal aborts', async () => {
        const controller = new AbortController();
        controller.abort(new Error('stop'));
        await assert.rejects(open(await temp.tree(TREE)).search({ pattern: 'TODO', maxMatches: 5, signal: controller.signal }), /stop/);
      });
    });
  }

  it('gives the same results with ripgrep and with the Node fallback', async () => {
    const root = await temp.tree(TREE);
    for (const query of [
      { pattern: 'TODO|helper', maxMatches: 100, context: 2 },
      { pattern: 'e', maxMatches: 100, context: 1, glob: '*.ts' },
      { pattern: '\\bconst\\b', maxMatches: 100, path: 'src' },
    ]) {
      const withRipgrep = await new NodeWorkspace(root, { ripgrep: rg }).search(query);
      const withNode = await new NodeWorkspace(root, { ripgrep: false }).search(query);
      assert.deepEqual({ ...withNode, engine: 'ripgrep' }, withRipgrep, `query ${JSON.stringify(query)}`);
    }
  });

  it('kills ripgrep when the signal aborts mid-search', async function () {
    if (process.platform === 'win32') this.skip();
    // A stand-in for rg that never finishes: it records its process id and sleeps.
    const root = await temp.tree({ 'a.txt': 'x\n' });
    const bin = await temp.tree({ rg: '#!/bin/sh\necho $$ > "$(dirname "$0")/pid"\nexec sleep 30\n' });
    await chmod(join(bin, 'rg'), 0o755);
    const controller = new AbortController();
    const search = new NodeWorkspace(root, { ripgrep: join(bin, 'rg') }).search({ pattern: 'x', maxMatches: 1, signal: controller.signal });
    const pid = await waitFor(async () => Number(await readFile(join(bin, 'pid'), 'utf8').catch(() => '')) || undefined);
    assert.equal(isRunning(pid), true);
    controller.abort(new Error('aborted by the user'));
    await assert.rejects(search, /aborted by the user/);
    await waitFor(async () => !isRunning(pid) || undefined);
  });

  describe('findRipgrep', () => {
    const savedPath = process.env.PATH;
    afterEach(() => {
      process.env.PATH = savedPath;
    });

    it('prefers an explicit path, falls back to PATH, and finds nothing without either', async () => {
      assert.ok(rg);
      assert.equal(await findRipgrep(rg), rg);
      assert.equal(await findRipgrep('/no/such/rg'), rg);
      process.env.PATH = ['/no/such/dir'].join(delimiter);
      assert.equal(await findRipgrep(), undefined);
      assert.equal(await findRipgrep(rg), rg);
    });
  });
});
