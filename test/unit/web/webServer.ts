// A small web site on loopback for the fetch_url and web_search tests: each path is a route,
// and every request is recorded so a test can tell whether the network was touched at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, site: TestSite) => void;

export class TestSite {
  readonly requests: IncomingMessage[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(private readonly routes: Record<string, Route>) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push(req);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const route = this.routes[path];
      if (route) return route(req, res, this);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><head><title>Not Found</title></head><body><p>No such page.</p></body></html>');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  /** A URL on this site, by the name given (localhost or 127.0.0.1). */
  url(path: string, host = 'localhost'): string {
    return `http://${host}:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
