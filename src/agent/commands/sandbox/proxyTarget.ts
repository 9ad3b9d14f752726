// Where a request to the network proxy wants to go, read from its request line as the client
// wrote it: CONNECT's "host:port", or a plain request's absolute "http://host[:port]/path". The
// host is parsed here rather than by `new URL`, which would turn "http://127.1/" into 127.0.0.1
// and so judge a spelling the command never wrote.
import { canonicalHost, portNumber, splitHostPort, type Host } from './hostAllowList';

export interface ProxyTarget extends Host {
  port: number;
}

/** CONNECT's target ("example.com:443", "[::1]:8080"): the port is required. */
export function connectTarget(authority: string): ProxyTarget | undefined {
  const split = splitHostPort(authority);
  if (split?.port === undefined) return undefined;
  return target(split.host, split.port);
}

/** A plain request's target and the path to send it, from an absolute http URL. */
export function forwardTarget(url: string): { target: ProxyTarget; path: string } | undefined {
  const match = /^http:\/\/([^/?#]*)([/?][^#]*)?/i.exec(url);
  if (!match) return undefined;
  const split = splitHostPort(match[1]);
  const found = split && target(split.host, split.port ?? '80');
  if (!found) return undefined;
  const path = match[2] ?? '/';
  return { target: found, path: path.startsWith('/') ? path : `/${path}` };
}

/** How the target is written in messages and in a Host header. */
export function authorityOf(target: ProxyTarget): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}

function target(hostText: string, portText: string): ProxyTarget | undefined {
  const host = canonicalHost(hostText);
  const port = portNumber(portText);
  return host && port !== undefined ? { ...host, port } : undefined;
}
