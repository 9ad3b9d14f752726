// Stops a process and everything it started. code-server leaves its file watcher and extension
// host running when only the main process is killed, and a child may have left the process
// group, so the tree is read from /proc as well.
import * as fs from 'node:fs';

/** Every live descendant of `pid` (children first-found order), from /proc. Empty off Linux. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: parse after its closing one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** A zombie counts as gone: it holds no resources and only waits to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * SIGTERM to the group led by `pid` and to every descendant, then SIGKILL to whatever is still
 * alive after `graceMs`. Resolves when none of them is alive.
 */
export async function killTree(pid: number, graceMs = 3000): Promise<void> {
  const tree = [pid, ...descendants(pid)];
  signal(-pid, 'SIGTERM');
  for (const p of tree) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (tree.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // Children started during the grace period are caught here too.
  const rest = [...tree, ...descendants(pid)].filter(isAlive);
  signal(-pid, 'SIGKILL');
  for (const p of rest) signal(p, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (rest.some(isAlive) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 20));
}
