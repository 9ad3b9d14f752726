// Search with ripgrep: find the binary, run it with --json over one workspace folder, parse the
// stream as it comes, stop once enough matching lines were counted, kill it on abort.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { firstExecutable } from '../firstExecutable';
import { WorkspaceError } from './workspace';
import { MatchCollector, MAX_SEARCH_FILE_BYTES, isCaseSensitive, type EngineQuery, type EngineResult, type SearchScope } from './searchEngine';

const found = new Map<string, Promise<string | undefined>>();

/**
 * The ripgrep to use: `explicit` when it exists (VS Code passes the one it ships under its
 * appRoot), else `rg` on PATH, else undefined (use the plain-Node search).
 */
export function findRipgrep(explicit?: string): Promise<string | undefined> {
  const key = `${explicit ?? ''}${delimiter}${process.env.PATH ?? ''}`;
  let result = found.get(key);
  if (!result) {
    result = locate(explicit);
    found.set(key, result);
  }
  return result;
}

async function locate(explicit: string | undefined): Promise<string | undefined> {
  const names = process.platform === 'win32' ? ['rg.exe', 'rg'] : ['rg'];
  const candidates = explicit ? [explicit] : [];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) candidates.push(join(dir, name));
  }
  return firstExecutable(candidates);
}

/**
 * The arguments for one search. Ignore handling is made explicit so that ripgrep sees exactly
 * what the Node fallback sees: .gitignore files inside the folder (git repository or not) and
 * our .ouroignore, but not the user's global ignore file nor those above the workspace folder,
 * and hidden files except .git. ripgrep reads the .gitignore files from the searched folder
 * down; those above it come in `ignoreFile`, whose patterns ripgrep anchors at its working
 * folder, the workspace folder. Our excludes follow the caller's globs: the last glob wins.
 * No --max-columns: ripgrep ignores it with --json, so long lines are cut as they are parsed.
 */
export function ripgrepArgs(scope: SearchScope, query: EngineQuery, ignoreFile?: string): string[] {
  const args = [
    '--json',
    '--no-config',
    '--hidden',
    '--no-require-git',
    '--no-ignore-parent',
    '--no-ignore-global',
    '--no-ignore-exclude',
    '--no-ignore-dot',
    '--crlf',
    '--engine',
    'auto',
    `--max-filesize=${MAX_SEARCH_FILE_BYTES}`,
    isCaseSensitive(query.pattern, query.caseSensitive) ? '--case-sensitive' : '--ignore-case',
    `--context=${query.context}`,
  ];
  for (const glob of query.globs) args.push(`--glob=${glob}`);
  args.push('--glob=!.git', '--glob=!node_modules');
  for (const file of [scope.ouroignoreFile, ignoreFile]) if (file) args.push(`--ignore-file=${file}`);
  args.push('--regexp', query.pattern, '--', scope.relative === '' ? '.' : scope.relative);
  return args;
}

interface RgMessage {
  type: 'begin' | 'match' | 'context' | 'end' | 'summary';
  data: { path?: RgText; lines?: RgText; line_number?: number };
}

interface RgText {
  text?: string;
  bytes?: string;
}

export async function searchWithRipgrep(rg: string, scope: SearchScope, query: EngineQuery): Promise<EngineResult> {
  if (!scope.extraIgnores?.trim()) return runRipgrep(rg, scope, query);
  const ignoreFile = join(tmpdir(), `ouro-ignore-${randomBytes(6).toString('hex')}`);
  await writeFile(ignoreFile, scope.extraIgnores);
  try {
    return await runRipgrep(rg, scope, query, ignoreFile);
  } finally {
    await unlink(ignoreFile).catch(() => undefined);
  }
}

function runRipgrep(rg: string, scope: SearchScope, query: EngineQuery, ignoreFile?: string): Promise<EngineResult> {
  return new Promise((resolve, reject) => {
    if (query.signal?.aborted) return reject(query.signal.reason);
    const child = spawn(rg, ripgrepArgs(scope, query, ignoreFile), { cwd: scope.root, stdio: ['ignore', 'pipe', 'pipe'] });
    const collector = new MatchCollector(query);
    let path: string | undefined;
    let stopped = false;
    let buffered = '';
    let stderr = '';

    const stop = () => {
      stopped = true;
      child.kill();
    };
    const onAbort = () => {
      stop();
      reject(query.signal?.reason);
    };
    query.signal?.addEventListener('abort', onAbort, { once: true });

    const handle = (line: string) => {
      if (stopped || line === '') return;
      const message = JSON.parse(line) as RgMessage;
      if (message.type === 'begin') {
        const relative = toSlashes(rgText(message.data.path)).replace(/^\.\//, '');
        path = scope.allows(relative) ? relative : undefined;
        collector.startFile();
      } else if (path !== undefined && message.type === 'match') {
        collector.match(path, message.data.line_number ?? 0, stripEol(rgText(message.data.lines)));
        if (collector.full) stop();
      } else if (path !== undefined && message.type === 'context') {
        collector.contextLine(message.data.line_number ?? 0, stripEol(rgText(message.data.lines)));
      }
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) handle(line);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on('error', (error) => {
      query.signal?.removeEventListener('abort', onAbort);
      reject(new WorkspaceError(`Could not run ripgrep (${rg}): ${error.message}`));
    });
    child.on('close', (code) => {
      query.signal?.removeEventListener('abort', onAbort);
      if (query.signal?.aborted) return;
      handle(buffered);
      // Exit 2 also covers unreadable files next to real results; only fail when nothing came.
      if (!stopped && code === 2 && collector.total === 0) {
        const reason = stderr.replace(/^~+$/gm, '').replace(/\n{2,}/g, '\n').trim() || 'ripgrep failed';
        return reject(new WorkspaceError(/regex|pattern|PCRE2/i.test(reason) ? `Invalid regular expression: ${reason}` : reason));
      }
      resolve({ matches: collector.matches, total: collector.total, totalIsLowerBound: stopped });
    });
  });
}

function rgText(value: RgText | undefined): string {
  if (!value) return '';
  return value.text ?? Buffer.from(value.bytes ?? '', 'base64').toString('utf8');
}

function toSlashes(path: string): string {
  return process.platform === 'win32' ? path.replace(/\\/g, '/') : path;
}

function stripEol(text: string): string {
  return text.replace(/\r?\n$/, '');
}
