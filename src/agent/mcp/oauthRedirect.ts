// The browser's way back from an authorization server: a one-shot listener on the loopback
// address registered as the redirect. It takes the code (if the state is the one we sent), tells
// the person they may close the tab, and gives up after a timeout.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REDIRECT_TIMEOUT_MS = 5 * 60_000;
const CALLBACK_PATH = '/callback';

/** A loopback redirect address on a port that is free now. */
export async function loopbackRedirectUrl(): Promise<string> {
  const server = createServer();
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}${CALLBACK_PATH}`;
}

export interface AwaitedRedirect {
  /** The authorization code, once the browser comes back with it. */
  code: Promise<string>;
  close(): void;
}

/** Listens on `redirectUrl`'s port until the browser brings a code with `state`, or the time is up. */
export async function listenForRedirect(redirectUrl: string, state: string, timeoutMs = REDIRECT_TIMEOUT_MS): Promise<AwaitedRedirect> {
  const expected = new URL(redirectUrl);
  let settle: { resolve: (code: string) => void; reject: (err: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', expected);
    if (url.pathname !== expected.pathname) return void res.writeHead(404).end();
    const params = url.searchParams;
    const answer = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
    if (params.get('state') !== state) return answer(400, 'This sign-in link is not the one Ouro is waiting for.');
    const error = params.get('error');
    if (error) {
      answer(400, `Sign-in refused: ${params.get('error_description') ?? error}. You may close this tab.`);
      return finish(new Error(`the authorization server refused: ${params.get('error_description') ?? error}`));
    }
    const got = params.get('code');
    if (!got) return answer(400, 'The authorization server sent no code.');
    answer(200, 'Signed in: you may close this tab and go back to Ouro.');
    finish(got);
  });
  const timer = setTimeout(() => finish(new Error(`no sign-in came back within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  function finish(result: string | Error): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    if (typeof result === 'string') settle?.resolve(result);
    else settle?.reject(result);
  }
  try {
    await listen(server, Number(expected.port));
  } catch (err) {
    clearTimeout(timer);
    throw new Error(`cannot listen for the sign-in on ${expected.host}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { code, close: () => finish(new Error('the sign-in was abandoned')) };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
