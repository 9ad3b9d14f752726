// Which OS sandbox this machine offers, found once: bubblewrap on Linux when it can make the
// namespaces it needs (a container without user namespaces cannot), else none, with the reason.
import { execFile } from 'node:child_process';

export type SandboxSupport = { kind: 'bubblewrap'; path: string } | { kind: 'none'; reason: string };

const PROBE_TIMEOUT_MS = 5_000;
const CANDIDATES = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'];

let found: Promise<SandboxSupport> | undefined;

/** The sandbox to use, probed on first use and then remembered. */
export function sandboxSupport(): Promise<SandboxSupport> {
  return (found ??= probe());
}

async function probe(): Promise<SandboxSupport> {
  if (process.platform !== 'linux') return { kind: 'none', reason: `no sandbox is supported on ${process.platform} yet` };
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

function tryRun(file: string, args: string[]): Promise<'ok' | 'missing' | string> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS }, (error, _stdout, stderr) => {
      if (!error) return resolve('ok');
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve('missing');
      resolve(String(stderr).trim().split('\n')[0] || error.message);
    });
  });
}
