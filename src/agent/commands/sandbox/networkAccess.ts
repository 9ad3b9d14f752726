// What the network setting (`ouro.sandbox.allowNetwork`, `--allow-network`) gives sandboxed
// commands: nothing when it is empty, the whole network when it holds `*`, else only the hosts
// it lists, through the filtering proxy. Entries that are not hosts are left out and reported.
// The proxy is reached only with bubblewrap (Linux): on macOS Seatbelt cannot let single hosts
// through, so there a host list gives no network (SandboxedRunner holds to that), and is reported.
import { parseHostRule, type HostRule } from './hostAllowList';

export type NetworkAccess = { kind: 'none' } | { kind: 'all' } | { kind: 'hosts'; rules: readonly HostRule[] };

export const NO_NETWORK: NetworkAccess = { kind: 'none' };

/** A command's note, once, where hosts are listed but the sandbox is Seatbelt. */
export const NO_HOSTS_ON_MACOS_NOTE =
  'The hosts in ouro.sandbox.allowNetwork cannot be allowed on macOS yet (its sandbox lets no single host through): commands get no network. Allow "*" to give them the whole network.';

/** The setting as read, and what is wrong with it on `platform` (this machine's by default). */
export function networkAllowed(entries: readonly string[], platform: NodeJS.Platform = process.platform): { access: NetworkAccess; problems: string[] } {
  if (entries.some((entry) => entry.trim() === '*')) return { access: { kind: 'all' }, problems: [] };
  const rules: HostRule[] = [];
  const hosts: string[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const parsed = parseHostRule(entry);
    if ('rule' in parsed) {
      rules.push(parsed.rule);
      hosts.push(entry.trim());
    } else {
      problems.push(`The network host "${entry}" is ignored: ${parsed.error}.`);
    }
  }
  if (platform === 'darwin' && hosts.length) {
    problems.push(`On macOS the sandbox cannot allow single hosts yet (${hosts.join(', ')}): commands get no network. Allow "*" to give them the whole network.`);
  }
  return { access: rules.length ? { kind: 'hosts', rules } : NO_NETWORK, problems };
}
