// The bubblewrap command line for one sandboxed run. Pure: what to bind comes in resolved
// (real paths, existing ones only), so the same plan is tested without a sandbox.
//
// The whole file system is read-only; the workspace folders and /tmp are writable (compilers,
// package managers and test runners need a scratch folder, and what one command leaves there the
// next may use), except the protected paths inside the workspace, which are bound again
// read-only; the user's secrets and the sandbox's launchers are hidden (an empty folder or file
// over them); the network is cut unless allowed whole, and when some hosts are allowed the one
// way out is the proxy's socket, whose folder is bound again read-only (under /tmp it would be
// writable, and a command could put its own socket there for the next one). Later binds win over
// earlier ones, so the order below is the policy.
import { dirname } from 'node:path';

/** The machine's network, none, or none but the bridge to the filtering proxy's Unix socket. */
export type SandboxNetwork = 'all' | 'none' | { proxySocket: string; environment: Readonly<Record<string, string>> };

export interface SandboxPlan {
  /** Folders the command may write (the workspace folders), real paths. */
  writable: readonly string[];
  /** Paths inside `writable` that stay read-only (.git, .vscode, ...), existing real paths. */
  readOnly: readonly string[];
  /** Secrets to hide: folders become empty, files read as empty. Existing real paths. */
  hidden: ReadonlyArray<{ path: string; kind: 'file' | 'directory' }>;
  network: SandboxNetwork;
  /** Where the command starts. */
  cwd: string;
}

export function bubblewrapArgs(plan: SandboxPlan): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--bind', '/tmp', '/tmp'];
  for (const folder of plan.writable) args.push('--bind', folder, folder);
  for (const path of plan.readOnly) args.push('--ro-bind', path, path);
  for (const secret of plan.hidden) {
    if (secret.kind === 'directory') args.push('--tmpfs', secret.path);
    else args.push('--ro-bind', '/dev/null', secret.path);
  }
  if (typeof plan.network === 'object') {
    const folder = dirname(plan.network.proxySocket);
    args.push('--ro-bind', folder, folder);
    for (const [name, value] of Object.entries(plan.network.environment)) args.push('--setenv', name, value);
  }
  // Its own process ids (nothing outside to signal), no network unless allowed whole, and gone
  // with the runner that started it.
  args.push('--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent');
  if (plan.network !== 'all') args.push('--unshare-net');
  args.push('--chdir', plan.cwd);
  return args;
}
