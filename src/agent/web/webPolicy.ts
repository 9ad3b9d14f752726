// What the user allowed fetch_url to do: the domains fetched without asking, and the hosts that
// may be on a private or loopback address (a local dev server, an intranet wiki). An entry
// covers its subdomains; "*" covers every host.
import { literalAddress } from './addressCheck';

export interface FetchPolicy {
  /** Fetched without asking, e.g. "python.org" (which covers docs.python.org too). */
  allowDomains: readonly string[];
  /** May resolve to private, loopback or link-local addresses, e.g. "localhost"; "*": any. */
  privateHosts: readonly string[];
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { allowDomains: [], privateHosts: [] };

/** Whether the host is on the list or a subdomain of an entry ("evilpython.org" is not "python.org"). */
export function hostMatches(hostname: string, entries: readonly string[]): boolean {
  const host = normalizeHost(hostname);
  return entries.some((entry) => {
    if (entry.trim() === '*') return true;
    const domain = normalizeHost(entry);
    if (domain === '' || host === domain) return domain !== '';
    // An IP address matches only itself: "0.0.5" must not cover 10.0.0.5.
    return literalAddress(host) === undefined && literalAddress(domain) === undefined && host.endsWith(`.${domain}`);
  });
}

/** Lowercase, no brackets or trailing dot; an entry written as a URL or "*.x.org" counts as its host. */
function normalizeHost(value: string): string {
  let host = value.trim().toLowerCase();
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return '';
    }
  }
  return host.replace(/^\*?\./, '').replace(/^\[|\]$/g, '').replace(/\.$/, '');
}
