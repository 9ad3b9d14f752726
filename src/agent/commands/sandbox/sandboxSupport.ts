// Which OS sandbox this machine offers, found once: bubblewrap on Linux when it can make the
// namespaces it needs (a container without user namespaces cannot), Seatbelt's sandbox-exec on
// macOS, else none, with the reason.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { SANDBOX_EXEC } from './seatbeltArgs';

export type SandboxSupport = { kind: 'bubblewrap'; path: string } | { kind: 'seatbelt'; path: string } | { kind: 'none'; reason: string };

const PROBE_TIMEOUT_MS = 5_000;
const CANDIDATES = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'];

let found: Promise<SandboxSupport> | undefined;

/** The sandbox to use, probed on first use and then remembered. */
export function sandboxSupport(): Promise<SandboxSupport> {
  return (found ??= probeSandbox(process.platform));
}

/** The sandbox `platform` offers here; `runs` says whether a program can be run (tests pretend). */
export async function probeSandbox(platform: NodeJS.Platform, runs: (file: string) => Promise<boolean> = canRun): Promise<SandboxSupport> {
  if (platform === 'darwin') {
    return (await runs(SANDBOX_EXEC)) ? { kind: 'seatbelt', path: SANDBOX_EXEC } : { kind: 'none', reason: `${SANDBOX_EXEC} is missing` };
  }
  if (platform !== 'linux') return { kind: 'none', reason: `no sandbox is supported on ${platform} yet` };
  return probeBubblewrap();
}

async function probeBubblewrap(): Promise<SandboxSupport> {
  const failures: string[] = [];
  for (const path of CANDIDATES) {
    const outcome = await tryRun(path, ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--unshare-net', '--die-with-parent', '--', 'true']);
    if (outcome === 'ok') return { kind: 'bubblewrap', path };
    if (outcome !== 'missing') failures.push(`${path}: ${outcome}`);
  }
  return failures.length
    ? { kind: 'none', reason: `bubblewrap cannot make a sandbox here (${failures.join('; ')})` }
    : { kind: 'none', reason: 'bubblewrap is not installed (Debian and Ubuntu: apt-get install bubblewrap)' };
}

async function canRun(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tryRun(file: string, args: string[]): Promise<'ok' | 'missing' | string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (!error) return resolve('ok');
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve('missing');
      resolve(String(stderr).trim().split('\n')[0] || error.message);
    });
  });
}
