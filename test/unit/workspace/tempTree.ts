// Real folders on disk for the workspace and tool tests: made from a map of path -> content,
// removed after each test.
import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type TreeSpec = Record<string, string | Uint8Array>;

export async function makeTree(spec: TreeSpec = {}): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'ouro-test-')));
  await addToTree(root, spec);
  return root;
}

export async function addToTree(root: string, spec: TreeSpec): Promise<void> {
  const entries = Object.entries(spec);
  const folders = new Set(entries.map(([path]) => (path.endsWith('/') ? join(root, path) : dirname(join(root, path)))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const files = entries.filter(([path]) => !path.endsWith('/'));
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map(([path, content]) => writeFile(join(root, path), content)));
  }
}

export async function removeTree(root: string | undefined): Promise<void> {
  if (root) await rm(root, { recursive: true, force: true });
}

/** Every file and folder below `root`, relative, sorted: for "nothing else was left behind". */
export async function allPaths(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map((entry) => entry.split('\\').join('/')).sort();
}

/** Temp trees made through `tree()` are removed after each test of the suite that calls this. */
export function useTempTrees(): { tree(spec?: TreeSpec): Promise<string> } {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((root) => removeTree(root)));
  });
  return {
    async tree(spec) {
      const root = await makeTree(spec);
      made.push(root);
      return root;
    },
  };
}
