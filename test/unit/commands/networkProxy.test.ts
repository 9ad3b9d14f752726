// The sandbox's network proxy over real sockets: a server on this machine's loopback is reached
// through it only when the list names 127.0.0.1 (a loopback address is reached only when listed
// as itself), and every other request is refused with 403 before anything is connected.
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { parseHostRule, type HostRule } from '../../../src/agent/commands/sandbox/hostAllowList';
import { startNetworkProxy, type NetworkProxy } from '../../../src/agent/commands/sandbox/networkProxy';

interface Answer {
  status: number;
  body: string;
}

function rules(...entries: string[]): HostRule[] {
  return entries.map((entry) => {
    const parsed = parseHostRule(entry);
    if (!('rule' in parsed)) throw new Error(parsed.error);
    return parsed.rule;
  });
}

/** A plain request through the proxy, as curl sends one: the absolute URL as the path. */
function plain(proxy: NetworkProxy, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath: proxy.socket, path: url, headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A CONNECT through the proxy; when it opens, a GET is sent through the tunnel and its answer read. */
function tunnelled(proxy: NetworkProxy, authority: string): Promise<Answer & { inside?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath: proxy.socket, method: 'CONNECT', path: authority, agent: false });
    request.on('connect', (response: http.IncomingMessage, socket: Socket, head: Buffer) => {
      let text = head.toString();
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(response.statusCode === 200 ? { status: 200, body: '', inside: text } : { status: response.statusCode ?? 0, body: text }));
      socket.on('error', reject);
      if (response.statusCode === 200) socket.write(`GET /through HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the sandbox network proxy', () => {
  let server: http.Server;
  let port: number;
  let hits: Array<{ url?: string; host?: string }>;
  let allowed: HostRule[];
  let proxy: NetworkProxy;

  beforeEach(async () => {
    hits = [];
    server = http.createServer((request, response) => {
      hits.push({ url: request.url, host: request.headers.host });
      response.end(`reached ${request.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    allowed = rules(`127.0.0.1:${port}`);
    proxy = await startNetworkProxy({ rules: () => allowed });
  });

  afterEach(async () => {
    await proxy.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('listens in a folder only this user can open', () => {
    assert.equal(statSync(path.dirname(proxy.socket)).mode & 0o777, 0o700);
    assert.ok(statSync(proxy.socket).isSocket());
  });

  it('sends a plain request on to an allowed host, with the Host header of the host it names', async () => {
    const answer = await plain(proxy, `http://127.0.0.1:${port}/page?x=1`, { host: 'other.example' });
    assert.deepEqual(answer, { status: 200, body: 'reached /page?x=1' });
    assert.deepEqual(hits, [{ url: '/page?x=1', host: `127.0.0.1:${port}` }]);
  });

  it('opens a tunnel to an allowed host', async () => {
    const answer = await tunnelled(proxy, `127.0.0.1:${port}`);
    assert.equal(answer.status, 200);
    assert.match(answer.inside ?? '', /^HTTP\/1\.1 200 OK[\s\S]*reached \/through$/);
  });

  it('refuses a plain request to a host not on the list, naming the host and the setting', async () => {
    const answer = await plain(proxy, `http://127.0.0.1:${port + 1}/`);
    assert.equal(answer.status, 403);
    assert.match(answer.body, new RegExp(`127\\.0\\.0\\.1:${port + 1}: not in ouro\\.sandbox\\.allowNetwork`));
    const named = await plain(proxy, 'http://example.com/');
    assert.equal(named.status, 403);
    assert.match(named.body, /example\.com:80/);
    assert.equal(hits.length, 0);
  });

  it('refuses a CONNECT to a host not on the list', async () => {
    const answer = await tunnelled(proxy, 'example.invalid:443');
    assert.equal(answer.status, 403);
    assert.match(answer.body, /example\.invalid:443: not in ouro\.sandbox\.allowNetwork\. The user can allow it in the setting ouro\.sandbox\.allowNetwork/);
  });

  it('refuses a listed name that resolves to a loopback address, which only the address itself may open', async () => {
    allowed = rules('localhost');
    const connect = await tunnelled(proxy, `localhost:${port}`);
    assert.equal(connect.status, 403);
    assert.match(connect.body, /localhost:\d+: it resolves to (127\.0\.0\.1|::1), a loopback address/);
    const request = await plain(proxy, `http://localhost:${port}/`);
    assert.equal(request.status, 403);
    assert.equal(hits.length, 0);
  });

  it('refuses an address in a spelling that hides what it is, whatever the list says', async () => {
    allowed = rules('127.0.0.1');
    for (const odd of ['127.1', '2130706433', '0x7f.0.0.1']) {
      assert.equal((await tunnelled(proxy, `${odd}:${port}`)).status, 403, odd);
      assert.equal((await plain(proxy, `http://${odd}:${port}/`)).status, 403, odd);
    }
    assert.equal(hits.length, 0);
  });

  it('reads the list on every request', async () => {
    assert.equal((await plain(proxy, `http://127.0.0.1:${port}/`)).status, 200);
    allowed = [];
    assert.equal((await plain(proxy, `http://127.0.0.1:${port}/`)).status, 403);
    allowed = rules('127.0.0.1');
    assert.equal((await plain(proxy, `http://127.0.0.1:${port}/`)).status, 200);
  });

  it('keeps the refusals, to tell a command what it could not reach', async () => {
    const mark = proxy.refusedCount();
    await plain(proxy, 'http://example.com/');
    await tunnelled(proxy, 'api.example.org:443');
    await plain(proxy, `http://127.0.0.1:${port}/`);
    assert.deepEqual(
      proxy.refusedSince(mark).map((refusal) => refusal.target),
      ['example.com:80', 'api.example.org:443'],
    );
    assert.deepEqual(proxy.refusedSince(proxy.refusedCount()), []);
  });

  it('answers a request that is not for a proxy with 400', async () => {
    const answer = await plain(proxy, '/not-absolute');
    assert.equal(answer.status, 400);
  });

  it('ends open tunnels and removes its folder when closed', async () => {
    const opened = await new Promise<Socket>((resolve, reject) => {
      const request = http.request({ socketPath: proxy.socket, method: 'CONNECT', path: `127.0.0.1:${port}`, agent: false });
      request.on('connect', (_response, socket: Socket) => resolve(socket));
      request.on('error', reject);
      request.end();
    });
    const ended = new Promise((resolve) => opened.once('close', resolve));
    await proxy.close();
    await ended;
    assert.equal(existsSync(path.dirname(proxy.socket)), false);
  });
});
