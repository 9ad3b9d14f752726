// How the network proxy carries an allowed request to its target: a CONNECT becomes a byte
// tunnel (https and anything else tunnelled), a plain http request is sent on and its response
// sent back. A name is resolved in the socket's own lookup and refused when it has no public
// address (as fetch_url does), so a listed name that points at this machine, the local network
// or the cloud metadata address does not open it; an IP address the list names is connected to
// as it is.
import type { LookupFunction } from 'node:net';
import * as net from 'node:net';
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { publicOnlyLookup } from '../../web/publicOnlyLookup';
import { authorityOf, type ProxyTarget } from './proxyTarget';

/** The target may not be reached; `why` says so in a few words ("resolves to a loopback address (127.0.0.1)"). */
export class ProxyRefusal extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

const CONNECT_TIMEOUT_MS = 30_000;

// Meant for one hop only (RFC 9110 7.6.1), plus Host, which is set from the request line, so a
// request cannot name an allowed host and ask the server for another one.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host'];

const publicOnly = publicOnlyLookup((host, found) =>
  found ? new ProxyRefusal(`it resolves to ${found.address}, a ${found.range} address`) : new Error(`${host} has no address`),
);

/** Opens the tunnel for a CONNECT; `fail` is called with why, before the client was told anything. */
export function tunnel(client: Duplex, head: Buffer, target: ProxyTarget, fail: (error: Error) => void): void {
  const upstream = net.connect({ host: target.host, port: target.port, ...lookupFor(target) });
  upstream.setTimeout(CONNECT_TIMEOUT_MS, () => upstream.destroy(new Error(`no answer from ${authorityOf(target)} in ${CONNECT_TIMEOUT_MS / 1000} s`)));
  let open = false;
  upstream.once('connect', () => {
    open = true;
    upstream.setTimeout(0);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', (error) => (open ? client.destroy() : fail(error)));
  upstream.once('close', () => client.destroy());
  client.once('close', () => upstream.destroy());
}

/** Sends a plain request on to its target and its response back; `fail` as for tunnel. */
export function forward(request: http.IncomingMessage, response: http.ServerResponse, target: ProxyTarget, path: string, fail: (error: Error) => void): void {
  const host = target.port === 80 ? authorityOf(target).replace(/:80$/, '') : authorityOf(target);
  const upstream = http.request({
    host: target.host,
    port: target.port,
    method: request.method,
    path,
    headers: [...endToEnd(request.rawHeaders), 'Host', host],
    setHost: false,
    agent: false,
    timeout: CONNECT_TIMEOUT_MS,
    ...lookupFor(target),
  });
  upstream.once('timeout', () => upstream.destroy(new Error(`no answer from ${authorityOf(target)} in ${CONNECT_TIMEOUT_MS / 1000} s`)));
  upstream.once('response', (answer) => {
    upstream.setTimeout(0);
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
    answer.pipe(response);
  });
  upstream.on('error', (error) => (response.headersSent ? response.destroy() : fail(error)));
  request.once('error', () => upstream.destroy());
  response.once('close', () => upstream.destroy());
  request.pipe(upstream);
}

function lookupFor(target: ProxyTarget): { lookup?: LookupFunction } {
  // Node connects to an IP address without a lookup; one that got this far is on the list as written.
  return target.kind === 'name' ? { lookup: publicOnly } : {};
}

/** Raw headers less the hop-by-hop ones, those the Connection header names included. */
function endToEnd(raw: readonly string[]): string[] {
  const names = new Set(HOP_BY_HOP);
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === 'connection') for (const name of raw[i + 1].split(',')) names.add(name.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!names.has(raw[i].toLowerCase())) kept.push(raw[i], raw[i + 1]);
  return kept;
}
