// Stops a command and everything it started. The shell leads its own process group, so one
// signal to the group reaches the usual tree; descendants that moved to a group of their own
// (setsid, some test runners' workers) are found through their parent links first.
import { execFile, spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** Exited but not yet reaped by its parent: it can no longer be signalled away. */
  zombie: boolean;
}

/** Every process below `root` in `table`, children before grandchildren. */
export function descendantsOf(root: number, table: readonly ProcessInfo[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of table) {
    const list = children.get(entry.ppid) ?? [];
    list.push(entry.pid);
    children.set(entry.ppid, list);
  }
  const found = new Set<number>();
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (child === root || found.has(child)) continue;
      found.add(child);
      queue.push(child);
    }
  }
  return [...found];
}

/**
 * Sends SIGTERM to the group led by `pid` and to its descendants, waits up to `graceMs` for them
 * to go, then SIGKILLs whatever is left. Resolves when they are gone (or only zombies remain).
 */
export async function killProcessTree(pid: number, graceMs = 2000): Promise<void> {
  if (process.platform === 'win32') return killOnWindows(pid);
  const targets = new Set([pid, ...descendantsOf(pid, await processTable())]);
  const isTarget = (entry: ProcessInfo) => !entry.zombie && (entry.pgid === pid || targets.has(entry.pid));
  signalAll(pid, targets, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await delay(25);
    if (!(await processTable()).some(isTarget)) return;
  }
  signalAll(pid, targets, 'SIGKILL');
}

function signalAll(group: number, pids: ReadonlySet<number>, signal: NodeJS.Signals): void {
  for (const target of [-group, ...pids]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone: that is the goal.
    }
  }
}

/** All processes, from /proc where there is one, else from `ps`. */
export async function processTable(): Promise<ProcessInfo[]> {
  return process.platform === 'linux' ? fromProc() : fromPs();
}

async function fromProc(): Promise<ProcessInfo[]> {
  const entries = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const table = await Promise.all(
    entries.map(async (name) => {
      try {
        const stat = await readFile(`/proc/${name}/stat`, 'utf8');
        // The command name in parentheses may itself hold spaces and parentheses.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), zombie: fields[0] === 'Z' };
      } catch {
        return undefined;
      }
    }),
  );
  return table.filter((entry): entry is ProcessInfo => entry !== undefined);
}

function fromPs(): Promise<ProcessInfo[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], (error, stdout) => {
      if (error) return resolve([]);
      resolve(
        stdout
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .filter((fields) => fields.length >= 4)
          .map(([pid, ppid, pgid, stat]) => ({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), zombie: stat.startsWith('Z') })),
      );
    });
  });
}

function killOnWindows(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    killer.on('exit', () => resolve());
    killer.on('error', () => resolve());
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
