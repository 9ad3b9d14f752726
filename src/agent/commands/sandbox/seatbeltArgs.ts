// The sandbox-exec arguments for one sandboxed run on macOS: a Seatbelt profile and the paths it
// names. Pure, like bubblewrapArgs, and from the same plan, so the same policy holds: reads
// everywhere but the user's secrets; writes in the workspace folders and the temp folders, except
// the protected paths; no network unless the whole of it is allowed. Seatbelt lets no single
// host through, and no bridge to the network proxy is built for it, so a plan that would reach
// the proxy (bubblewrap's way to allow some hosts) gets no network here; SandboxedRunner never
// makes one for Seatbelt.
//
// Every path is a parameter (`-D NAME=path`, read in the profile as `(param "NAME")`), never
// written into the profile's text: a folder named with a quote or a parenthesis cannot change
// the policy. Seatbelt matches the path the kernel resolved (links followed, /tmp as
// /private/tmp) and the last matching rule wins, so the denials come after the allows.
import * as path from 'node:path';
import { PROTECTED_PATHS } from '../../workspace/protectedPaths';
import type { SandboxPlan } from './bubblewrapArgs';
import { SEATBELT_BASE_POLICY } from './seatbeltBasePolicy';

/** Where sandbox-exec is: only this one, never one found on the PATH. */
export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

// The temp folders, as the kernel names them: /tmp is /private/tmp, and $TMPDIR is a folder
// under /private/var/folders.
const TEMP_FOLDERS = ['/private/tmp', '/private/var/folders'];

// With the network: DNS and proxy settings, certificate checks for TLS.
const NETWORK_POLICY = `(allow network*)
(allow system-socket)
(allow mach-lookup
  (global-name "com.apple.SystemConfiguration.DNSConfiguration")
  (global-name "com.apple.SystemConfiguration.configd")
  (global-name "com.apple.networkd")
  (global-name "com.apple.trustd.agent")
  (global-name "com.apple.ocspd"))`;

/** `-p PROFILE -DNAME=path …` for sandbox-exec; the command follows after `--`. */
export function seatbeltArgs(plan: SandboxPlan): string[] {
  // The protected paths are denied whether they exist yet or not (a rule on a path needs nothing
  // there), and also at their real target when a link leads elsewhere.
  const protectedPaths = unique([...plan.writable.flatMap((root) => PROTECTED_PATHS.map((relative) => path.join(root, relative))), ...plan.readOnly]);
  const secrets = unique(plan.hidden.map((secret) => secret.path));
  // A rule follows a path, not a folder: renamed away, a folder would take what it holds out of
  // the rule's reach, and a folder renamed into place would bring in what it holds. So the
  // folders that lead to a denied path may be neither moved nor made.
  const pinned = unique([...protectedPaths, ...secrets].flatMap(ancestors));

  const params: string[] = [];
  const named = (prefix: string, paths: readonly string[]) =>
    paths.map((value, index) => {
      params.push(`-D${prefix}_${index}=${value}`);
      return `(param "${prefix}_${index}")`;
    });
  const writable = [...named('WORKSPACE', plan.writable), ...TEMP_FOLDERS.map((folder) => `"${folder}"`)];
  const denied = named('PROTECTED', protectedPaths);
  const hidden = named('HIDDEN', secrets);
  const rules = [
    SEATBELT_BASE_POLICY,
    '; Reads: everywhere, but for the secrets below.',
    '(allow file-read*)',
    '; Writes: the workspace folders and the temp folders ...',
    rule('allow file-write*', 'subpath', writable),
    '; ... but not the paths that decide what runs later, nor the folders that lead to them.',
    rule('deny file-write*', 'subpath', denied),
    rule('deny file-write-unlink file-write-create', 'literal', named('PINNED', pinned)),
    "; The user's secrets (and the sandbox's launchers): neither read nor written.",
    rule('deny file-read* file-write*', 'subpath', hidden),
    '; No hard link to a protected file or a secret: its second name would not be denied.',
    rule('deny file-link', 'subpath', [...denied, ...hidden]),
    ...(plan.network === 'all' ? ['; The network, as allowed.', NETWORK_POLICY] : ['; No network: nothing above allows it.']),
  ];
  return ['-p', `${rules.filter((line) => line !== '').join('\n')}\n`, ...params];
}

/** `(deny file-write* (subpath A) (subpath B))`, or nothing when there is nowhere to apply it. */
function rule(head: string, filter: 'subpath' | 'literal', wheres: readonly string[]): string {
  return wheres.length ? `(${head}\n${wheres.map((where) => `  (${filter} ${where})`).join('\n')})` : '';
}

/** The folders above `file`, up to but not including the root. */
function ancestors(file: string): string[] {
  const above: string[] = [];
  for (let folder = path.dirname(file); folder !== path.dirname(folder); folder = path.dirname(folder)) above.push(folder);
  return above;
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}
