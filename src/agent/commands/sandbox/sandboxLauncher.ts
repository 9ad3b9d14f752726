// The short line a sandboxed command runs as. The sandbox's own arguments (dozens of binds, or a
// whole Seatbelt profile) go into a one-run script, and the runner is given
// `/bin/sh <script> '<command>'`: what the user watches in the terminal is their command, and the
// command reaches the sandbox as the script's argument, exactly as typed, never as part of it.
//
// The script runs outside the sandbox, so nothing sandboxed may ever change it: it lives in one
// private folder per user (mode 0700, checked to be ours and not a link) that every sandbox of
// ours hides (see SandboxedRunner), so a command in one sandbox cannot rewrite the launcher of the
// next, even from another window. The folder's name is fixed for that reason: a folder made
// fresh per window would be visible to the sandboxes of every other window.
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { shellQuote } from '../allowSuggestion';

export interface Launcher {
  /** The line to run: the script, then the command as its only argument. */
  line(command: string): string;
  /** Deletes the script; the folder stays for the next one. */
  remove(): Promise<void>;
}

/**
 * The private folder for launchers (its real path), made on first use; undefined when it cannot
 * be trusted (someone else's, open to others, a link), and then commands run as the long line.
 */
export async function launcherFolder(base: string = tmpdir()): Promise<string | undefined> {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const folder = path.join(base, `ouro-sandbox-${uid}`);
  try {
    await mkdir(folder, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const info = await lstat(folder);
    if (!info.isDirectory() || info.uid !== uid || (info.mode & 0o077) !== 0) return undefined;
    return await realpath(folder);
  } catch {
    return undefined;
  }
}

/** The script: `argv` quoted for /bin/sh, then the command from its first argument. */
export function launcherScript(argv: readonly string[]): string {
  return `#!/bin/sh\n# One sandboxed command from Ouro; deleted when it ends.\nexec ${argv.map(shellQuote).join(' ')} "$1"\n`;
}

/** Writes a launcher for `argv` (the sandbox up to and including `bash -c`) into `folder`. */
export async function writeLauncher(folder: string, argv: readonly string[]): Promise<Launcher> {
  const script = path.join(folder, `${randomBytes(6).toString('hex')}.sh`);
  // 'wx': a new file or nothing, never one that something else put there first.
  const file = await open(script, 'wx', 0o600);
  try {
    await file.writeFile(launcherScript(argv));
  } finally {
    await file.close();
  }
  return {
    // Read by /bin/sh rather than executed, so a temp folder mounted noexec does not matter.
    line: (command) => `/bin/sh ${shellQuote(script)} ${shellQuote(command)}`,
    remove: () => rm(script, { force: true }),
  };
}
