// Which hosts sandboxed commands may reach through the network proxy (`ouro.sandbox.allowNetwork`).
// An entry is a host name ("registry.npmjs.org"), a wildcard for its subdomains ("*.github.com",
// which does not cover github.com itself), or an IP address written out ("10.0.0.5", "::1"),
// each with an optional port ("example.com:8443", "[::1]:3000"); without one, any port.
//
// Matching is on the name as the command gave it, lowercased and without a trailing dot, never on
// what it resolves to. An IP address matches only an entry naming that same address, and only in
// its plain spelling: "127.1", "2130706433" or "0x7f.0.0.1" all mean 127.0.0.1 to the resolver,
// so they are refused as odd rather than judged, as is anything that is not a plain host name.
import ipaddr from 'ipaddr.js';

/** A host as the proxy judges it: a lowercase name, or an IP address in its canonical spelling. */
export interface Host {
  kind: 'name' | 'address';
  host: string;
}

export interface HostRule extends Host {
  /** Covers the subdomains of `host` and not `host` itself ("*.github.com"). */
  subdomains: boolean;
  /** Only this port; any when absent. */
  port?: number;
}

const LABEL = /^[a-z0-9_-]{1,63}$/;

/** The host in its canonical form, or undefined when it is not a plain host name or IP address. */
export function canonicalHost(raw: string): Host | undefined {
  let text = raw.toLowerCase();
  if (text.startsWith('[') || text.includes(':')) {
    text = text.replace(/^\[(.*)\]$/, '$1');
    // A zone ("fe80::1%eth0") names an interface of this machine, not a host.
    if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
    return { kind: 'address', host: ipaddr.IPv6.parse(text).toString() };
  }
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { kind: 'address', host: text };
  const labels = text.split('.');
  if (text.length > 253 || !labels.every((label) => LABEL.test(label))) return undefined;
  // No top-level domain is a number: a name ending in one is an address in another spelling.
  if (/^(\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1])) return undefined;
  return { kind: 'name', host: text };
}

/** "host", "host:port", "[v6]" or "[v6]:port"; a bare IPv6 address has no port. */
export function splitHostPort(text: string): { host: string; port?: string } | undefined {
  const bracketed = /^(\[[^\]]*\])(?::(.*))?$/.exec(text);
  if (bracketed) return { host: bracketed[1], ...(bracketed[2] !== undefined ? { port: bracketed[2] } : {}) };
  const colons = text.split(':').length - 1;
  if (colons !== 1) return { host: text };
  const [host, port] = text.split(':');
  return { host, port };
}

/** A port number from its text: digits only, 1 to 65535. */
export function portNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** One entry of the setting as a rule, or why it cannot be one. */
export function parseHostRule(entry: string): { rule: HostRule } | { error: string } {
  const text = entry.trim();
  if (text === '') return { error: 'it is empty' };
  if (text.includes('/')) return { error: 'write the host alone, without a scheme or a path (e.g. example.com)' };
  const split = splitHostPort(text);
  const port = split?.port === undefined ? undefined : portNumber(split.port);
  if (!split || (split.port !== undefined && port === undefined)) return { error: 'its port is not a number from 1 to 65535' };
  const subdomains = split.host.startsWith('*.');
  const name = subdomains ? split.host.slice(2) : split.host;
  if (name.includes('*')) return { error: 'a wildcard may only start it, as in *.example.com' };
  const host = canonicalHost(name);
  if (!host) return { error: 'it is not a host name or an IP address' };
  if (subdomains && host.kind === 'address') return { error: 'an IP address has no subdomains' };
  return { rule: { ...host, subdomains, ...(port !== undefined ? { port } : {}) } };
}

/** Whether a rule lets a command reach this host on this port. */
export function hostAllowed(target: Host, port: number, rules: readonly HostRule[]): boolean {
  return rules.some((rule) => {
    if (rule.port !== undefined && rule.port !== port) return false;
    if (rule.kind !== target.kind) return false;
    return rule.subdomains ? target.host.endsWith(`.${rule.host}`) : target.host === rule.host;
  });
}
