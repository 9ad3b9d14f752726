// The one way out of a sandbox whose network is cut: an HTTP proxy in Ouro's own process,
// listening on a Unix socket in a folder only this user can open (a bubblewrap sandbox reaches it
// through socat; see proxyBridge). It takes CONNECT (https, and anything else tunnelled) and
// plain requests with an absolute http URL, lets through only the hosts the allow list names,
// and answers everything else with 403 and a line saying which host and which setting. The list
// is read on every request, so a changed setting applies at once.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { hostAllowed, type HostRule } from './hostAllowList';
import { authorityOf, connectTarget, forwardTarget, type ProxyTarget } from './proxyTarget';
import { forward, ProxyRefusal, tunnel } from './proxyRelay';

export interface NetworkProxyOptions {
  /** The hosts allowed now. */
  rules: () => readonly HostRule[];
}

/** A request the proxy refused: the host as the command wrote it, why in a few words, and what the user can do. */
export interface Refusal {
  target: string;
  why: string;
  hint?: string;
}

export interface NetworkProxy {
  /** The Unix socket it listens on. */
  socket: string;
  /** How many requests it has refused so far: a mark for refusedSince. */
  refusedCount(): number;
  /** The refusals after a mark (at most the latest 100). */
  refusedSince(mark: number): Refusal[];
  /** Stops listening, ends open tunnels and removes the socket's folder. */
  close(): Promise<void>;
}

const LIST_HINT = 'The user can allow it in the setting ouro.sandbox.allowNetwork (CLI: --allow-network).';
const ADDRESS_HINT = 'Only an address that ouro.sandbox.allowNetwork names itself may be private, loopback or link-local.';
const KEPT_REFUSALS = 100;

export async function startNetworkProxy(options: NetworkProxyOptions): Promise<NetworkProxy> {
  const folder = await mkdtemp(path.join(socketBase(), 'ouro-net-'));
  await chmod(folder, 0o700);
  const socket = path.join(folder, 'proxy.sock');
  const refusals: Refusal[] = [];
  let refused = 0;
  const connections = new Set<Socket>();

  const odd = (written: string): Refusal => ({ target: JSON.stringify(written), why: 'not a plain host name or IP address' });
  /** Why the target may not be reached, or undefined when it may. */
  const unlisted = (target: ProxyTarget): Refusal | undefined =>
    hostAllowed(target, target.port, options.rules()) ? undefined : { target: authorityOf(target), why: 'not in ouro.sandbox.allowNetwork', hint: LIST_HINT };
  const note = (refusal: Refusal): string => {
    refused++;
    refusals.push(refusal);
    if (refusals.length > KEPT_REFUSALS) refusals.shift();
    return refusalText(refusal);
  };
  /** A failure to connect: a refusal (403) when the lookup refused the address, else 502. */
  const failure = (target: ProxyTarget, error: Error): { status: number; text: string } =>
    error instanceof ProxyRefusal
      ? { status: 403, text: note({ target: authorityOf(target), why: error.why, hint: ADDRESS_HINT }) }
      : { status: 502, text: `Ouro's sandbox proxy could not reach ${authorityOf(target)}: ${error.message}` };

  const server = http.createServer((request, response) => {
    const url = request.url ?? '';
    if (!/^http:\/\//i.test(url)) return reply(response, 400, "Ouro's sandbox proxy takes CONNECT and requests for absolute http:// URLs only.");
    const wanted = forwardTarget(url);
    if (!wanted) return reply(response, 403, note(odd(url)));
    const refusal = unlisted(wanted.target);
    if (refusal) return reply(response, 403, note(refusal));
    forward(request, response, wanted.target, wanted.path, (error) => {
      const { status, text } = failure(wanted.target, error);
      reply(response, status, text);
    });
  });
  server.on('connect', (request: http.IncomingMessage, client: Duplex, head: Buffer) => {
    client.on('error', () => client.destroy());
    const authority = request.url ?? '';
    const target = connectTarget(authority);
    if (!target) return replyRaw(client, 403, note(odd(authority)));
    const refusal = unlisted(target);
    if (refusal) return replyRaw(client, 403, note(refusal));
    tunnel(client, head, target, (error) => {
      const { status, text } = failure(target, error);
      replyRaw(client, status, text);
    });
  });
  server.on('connection', (connection: Socket) => {
    connections.add(connection);
    connection.once('close', () => connections.delete(connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Never what keeps Ouro (the CLI) running.
  server.unref();

  return {
    socket,
    refusedCount: () => refused,
    refusedSince: (mark) => refusals.slice(Math.max(0, refusals.length - (refused - mark))),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.destroy();
      await closed;
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** What a refused command's program reads (and the model, when the program prints it). */
export function refusalText(refusal: Refusal): string {
  return `Ouro's sandbox does not let commands reach ${refusal.target}: ${refusal.why}.${refusal.hint ? ` ${refusal.hint}` : ''}`;
}

// socat reads ':' and ',' in the socket's path as its own syntax, and a Unix socket's path may
// not pass 107 bytes: an unusual temp folder is passed over for /tmp.
function socketBase(): string {
  const base = tmpdir();
  return /^[\w./-]+$/.test(base) && base.length < 64 ? base : '/tmp';
}

function reply(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  response.end(`${text}\n`);
}

function replyRaw(client: Duplex, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`);
  client.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`);
}
