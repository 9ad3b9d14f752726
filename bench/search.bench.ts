// search_files and a recursive list_files over a generated tree of 50,000 files (plus ignored
// folders), through the tools and NodeWorkspace, timed against plain `rg PATTERN` and
// `rg --files` on the same tree. The ratio is what our layer costs on top of ripgrep.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFilesTool } from '../src/agent/tools/listFiles';
import { searchFilesTool } from '../src/agent/tools/searchFiles';
import type { Tool } from '../src/agent/tools/tool';
import { createToolContext } from '../src/agent/toolContext';
import { NodeWorkspace } from '../src/agent/workspace/nodeWorkspace';
import { findRipgrep } from '../src/agent/workspace/ripgrep';

const PACKAGES = 50;
const MODULES = 20;
const FILES = 50;
const IGNORED = { node_modules: 5000, dist: 2000 };
const RUNS = 5;
/** The tools' time over ripgrep's alone. */
const SEARCH_GOAL = 1.3;
const LIST_GOAL = 1.5;

export async function run(): Promise<string[]> {
  const rg = await findRipgrep();
  if (!rg) return ['search: skipped, no ripgrep (rg) on PATH'];
  const root = await mkdtemp(join(tmpdir(), 'ouro-search-bench-'));
  try {
    const generated = await generateTree(root);
    const withRipgrep = new NodeWorkspace(root, { ripgrep: rg });
    const withNode = new NodeWorkspace(root, { ripgrep: false });
    const pattern = 'needle\\d+';

    const rgSearch = await median(() => runProcess(rg, ['--no-config', pattern], root));
    const rgFiles = await median(() => runProcess(rg, ['--no-config', '--files'], root));
    const search = await median(() => runTool(searchFilesTool, { pattern }, withRipgrep));
    // The fallback is an order of magnitude slower: fewer runs keep the bench short.
    const nodeSearch = await median(() => runTool(searchFilesTool, { pattern }, withNode), 3);
    const list = await median(() => runTool(listFilesTool, { recursive: true }, withRipgrep));

    return [
      `tree: ${generated.visible.toLocaleString('en')} files, plus ${generated.ignored.toLocaleString('en')} in ignored folders (median of ${RUNS} runs, 3 for the Node search)`,
      `search_files (ripgrep)     ${ms(search)}   rg PATTERN  ${ms(rgSearch)}   ratio ${(search / rgSearch).toFixed(2)}${goal(search / rgSearch, SEARCH_GOAL)}`,
      `search_files (Node)        ${ms(nodeSearch)}   rg PATTERN  ${ms(rgSearch)}   ratio ${(nodeSearch / rgSearch).toFixed(2)}`,
      `list_files recursive       ${ms(list)}   rg --files  ${ms(rgFiles)}   ratio ${(list / rgFiles).toFixed(2)}${goal(list / rgFiles, LIST_GOAL)}`,
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function generateTree(root: string): Promise<{ visible: number; ignored: number }> {
  const files: Array<[string, string]> = [['.gitignore', 'node_modules/\ndist/\n*.log\n']];
  let n = 0;
  for (let p = 0; p < PACKAGES; p++) {
    for (let m = 0; m < MODULES; m++) {
      for (let f = 0; f < FILES; f++) {
        n++;
        // One file in 50 holds the needle; every file has some ordinary lines around it.
        const needle = n % 50 === 0 ? `export const marker = 'needle${n}';\n` : '';
        files.push([`packages/p${p}/src/m${m}/file${f}.ts`, `import { x } from './x';\n${needle}export function f${n}() {\n  return x + ${n};\n}\n`]);
      }
    }
  }
  const visible = files.length;
  for (const [folder, count] of Object.entries(IGNORED)) {
    for (let i = 0; i < count; i++) files.push([`${folder}/pkg${i % 100}/file${i}.js`, `module.exports = 'needle${i}';\n`]);
  }
  files.push(['logs/build.log', 'needle0 in a log\n']);
  const folders = new Set(files.map(([path]) => join(root, path, '..')));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map(([path, content]) => writeFile(join(root, path), content)));
  }
  return { visible, ignored: files.length - visible };
}

async function runTool(tool: Tool, args: unknown, workspace: NodeWorkspace): Promise<void> {
  const approver = { approve: async () => ({ approved: true }) };
  const ctx = createToolContext({ workspace, approver, signal: new AbortController().signal }, 'bench', () => undefined);
  const result = await tool.run(tool.schema.parse(args), ctx);
  if (result.isError) throw new Error(result.content);
}

function runProcess(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** Median wall time in ms, after one warm-up run (the file cache is then equally warm for all). */
async function median(task: () => Promise<void>, runs = RUNS): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function goal(ratio: number, target: number): string {
  return `   goal ≤ ${target} ${ratio <= target ? 'met' : 'NOT met'}`;
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(5)} ms`;
}
