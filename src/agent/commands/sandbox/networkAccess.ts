// What the network setting (`ouro.sandbox.allowNetwork`, `--allow-network`) gives sandboxed
// commands: nothing when it is empty, the whole network when it holds `*`, else only the hosts
// it lists, through the filtering proxy. Entries that are not hosts are left out and reported.
import { parseHostRule, type HostRule } from './hostAllowList';

export type NetworkAccess = { kind: 'none' } | { kind: 'all' } | { kind: 'hosts'; rules: readonly HostRule[] };

export const NO_NETWORK: NetworkAccess = { kind: 'none' };

export function networkAllowed(entries: readonly string[]): { access: NetworkAccess; problems: string[] } {
  if (entries.some((entry) => entry.trim() === '*')) return { access: { kind: 'all' }, problems: [] };
  const rules: HostRule[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const parsed = parseHostRule(entry);
    if ('rule' in parsed) rules.push(parsed.rule);
    else problems.push(`The network host "${entry}" is ignored: ${parsed.error}.`);
  }
  return { access: rules.length ? { kind: 'hosts', rules } : NO_NETWORK, problems };
}
