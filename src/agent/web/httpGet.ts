// One careful GET over node:http/https, for fetch_url. Every hop of a redirect is checked again;
// unless private networks are allowed, the address actually connected to must be public: the
// name is resolved and judged in the socket's own `lookup` (publicOnlyLookup), and IP literals,
// which Node connects to without a lookup, are judged before that.
import * as http from 'node:http';
import * as https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { literalAddress, nonPublicRange } from './addressCheck';
import { publicOnlyLookup } from './publicOnlyLookup';

export interface GetOptions {
  signal: AbortSignal;
  /** Whether this URL's host may be on a private or loopback address. */
  allowPrivate(url: URL): boolean;
  /** Stop reading the body past this many (decompressed) bytes. */
  maxBytes: number;
  maxRedirects: number;
  timeoutMs: number;
  /** Whether a response of this content type (lowercase, no parameters) is read at all. */
  accepts(contentType: string): boolean;
  /** Asked before each redirect is followed: a reason refuses it. */
  refuseRedirect?(to: URL): string | undefined;
}

export interface GetResult {
  url: URL;
  status: number;
  statusText: string;
  /** Lowercase, without parameters; "" when the server sent none. */
  contentType: string;
  charset?: string;
  body: Buffer;
  /** The body went past maxBytes and was cut there. */
  truncated: boolean;
  redirects: number;
}

/** A refusal or failure with a message meant for the model. */
export class FetchError extends Error {}

const USER_AGENT = 'Mozilla/5.0 (compatible; Ouro coding agent)';
const ACCEPT = 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/json;q=0.9,*/*;q=0.1';

export async function httpGet(start: URL, options: GetOptions): Promise<GetResult> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const allowPrivate = options.allowPrivate(url);
    checkUrl(url, allowPrivate);
    const response = await send(url, allowPrivate, signal, options);
    const location = response.headers.location;
    if (isRedirect(response.statusCode) && location) {
      response.destroy();
      if (redirects >= options.maxRedirects) throw new FetchError(`Too many redirects (more than ${options.maxRedirects}); the last one pointed to ${location}.`);
      const next = new URL(location, url);
      checkUrl(next, options.allowPrivate(next));
      const refusal = options.refuseRedirect?.(next);
      if (refusal) throw new FetchError(refusal);
      url = next;
      continue;
    }
    const { contentType, charset } = parseContentType(response.headers['content-type']);
    const status = response.statusCode ?? 0;
    if (!options.accepts(contentType)) {
      response.destroy();
      return { url, status, statusText: response.statusMessage ?? '', contentType, charset, body: Buffer.alloc(0), truncated: false, redirects };
    }
    const { body, truncated } = await readBody(response, url, signal, options);
    return { url, status, statusText: response.statusMessage ?? '', contentType, charset, body, truncated, redirects };
  }
}

function checkUrl(url: URL, allowPrivate: boolean): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`Only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}:.`);
  if (allowPrivate) return;
  // Node connects to an IP literal without calling `lookup`, so it is judged here.
  const literal = literalAddress(url.hostname);
  const range = literal === undefined ? undefined : nonPublicRange(literal);
  if (range) throw privateAddress(url.hostname, literal!, range);
}

function privateAddress(host: string, address: string, range: string): FetchError {
  const which = host.replace(/^\[|\]$/g, '') === address ? address : `${host} (${address})`;
  return new FetchError(`Refused: ${which} is a ${range} address, not on the public internet. The user can allow the host (setting ouro.web.allowPrivateHosts, CLI --allow-private-host).`);
}

const PUBLIC_ONLY = publicOnlyLookup((host, found) => (found ? privateAddress(host, found.address, found.range) : new FetchError(`${host} has no address.`)));

function send(url: URL, allowPrivate: boolean, signal: AbortSignal, options: GetOptions): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'GET',
      headers: { 'user-agent': USER_AGENT, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' },
      signal,
      // A fresh connection each time: a pooled socket could have been opened under other rules.
      agent: false,
      ...(allowPrivate ? {} : { lookup: PUBLIC_ONLY }),
    });
    request.once('response', resolve);
    request.once('error', (error) => reject(explain(error, url, signal, options)));
    request.end();
  });
}

async function readBody(response: http.IncomingMessage, url: URL, signal: AbortSignal, options: GetOptions): Promise<{ body: Buffer; truncated: boolean }> {
  const { maxBytes } = options;
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > maxBytes) {
        chunks.push(buffer.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } catch (error) {
    throw explain(error, url, signal, options, `reading ${url.href}`);
  } finally {
    response.destroy();
  }
  return { body: Buffer.concat(chunks, size), truncated };
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return response;
  pipeline(response, decoder, () => {});
  return decoder;
}

function explain(error: unknown, url: URL, signal: AbortSignal, options: GetOptions, when = `fetching ${url.href}`): Error {
  if (error instanceof FetchError) return error;
  if (options.signal.aborted) return new FetchError('Cancelled.');
  if (signal.aborted) return new FetchError(`Timed out after ${Math.round(options.timeoutMs / 1000)} s ${when}.`);
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError(`Failed ${when}: ${message}`);
}

function isRedirect(status: number | undefined): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function parseContentType(header: string | undefined): { contentType: string; charset?: string } {
  if (!header) return { contentType: '' };
  const [type, ...params] = header.split(';');
  const charset = params.map((param) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(param)?.[1]).find(Boolean);
  return { contentType: type.trim().toLowerCase(), ...(charset ? { charset: charset.toLowerCase() } : {}) };
}
