// One MCP server, through the official SDK: started on first use (a child process over stdio, or
// Streamable HTTP falling back to the older SSE transport), its tools listed, calls made with a
// timeout and the turn's Stop. A server that exits or drops is started again on the next use: at
// once the first time, then after a pause that doubles with each failure in a row (1 s to 30 s).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, GetPromptResult, Prompt, ReadResourceResult, Resource, ResourceTemplate, Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { ServerSandbox } from '../commands/sandbox/sandboxedServer';
import type { McpServerConfig } from './mcpConfig';
import { connectSigningIn, McpOAuthProvider, type McpAuthOptions } from './mcpOAuthProvider';

export const DEFAULT_MCP_CALL_TIMEOUT_MS = 120_000;
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;

export type McpState = 'stopped' | 'starting' | 'running' | 'failed';

export interface McpConnectionOptions {
  /** Where a stdio server starts when its configuration names no folder. */
  cwd: string;
  log?: (line: string) => void;
  /** Milliseconds a call may take. */
  callTimeoutMs?: number;
  /** Where there is a sandbox: wraps a stdio server's command line in it. */
  sandbox?: ServerSandbox;
  /** How a remote server that asks for OAuth is signed in to; without it, such a server fails to start. */
  auth?: McpAuthOptions;
  /** For tests: the clock for the restart pause. */
  now?: () => number;
}

export class McpConnection {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private failures = 0;
  private failedAt = 0;
  private lastError: string | undefined;
  private listed: McpTool[] | undefined;
  private signingIn: McpOAuthProvider | undefined;

  constructor(
    readonly config: McpServerConfig,
    private readonly options: McpConnectionOptions,
  ) {}

  get state(): McpState {
    if (this.client) return 'running';
    if (this.connecting) return 'starting';
    return this.lastError ? 'failed' : 'stopped';
  }

  get error(): string | undefined {
    return this.lastError;
  }

  /** The server's tools, listed once per start. */
  async tools(): Promise<McpTool[]> {
    const client = await this.ready();
    if (this.listed) return this.listed;
    const tools: McpTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : {});
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    this.listed = tools;
    return tools;
  }

  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    const client = await this.ready();
    const timeout = this.options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS;
    return (await client.callTool({ name, arguments: args }, undefined, { signal, timeout, maxTotalTimeout: timeout })) as CallToolResult;
  }

  /** Whether the running server offers resources. */
  get offersResources(): boolean {
    return this.client?.getServerCapabilities()?.resources !== undefined;
  }

  /** The server's resources and resource templates, every page of them. */
  async resources(signal: AbortSignal): Promise<{ resources: Resource[]; templates: ResourceTemplate[] }> {
    const client = await this.ready();
    const options = { signal, timeout: this.options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS };
    const resources: Resource[] = [];
    const templates: ResourceTemplate[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listResources(cursor ? { cursor } : {}, options);
      resources.push(...page.resources);
      cursor = page.nextCursor;
    } while (cursor);
    do {
      // Templates are optional: a server without them answers "method not found".
      const page = await client.listResourceTemplates(cursor ? { cursor } : {}, options).catch(() => undefined);
      templates.push(...(page?.resourceTemplates ?? []));
      cursor = page?.nextCursor;
    } while (cursor);
    return { resources, templates };
  }

  /** Whether the running server offers prompts. */
  get offersPrompts(): boolean {
    return this.client?.getServerCapabilities()?.prompts !== undefined;
  }

  /** The server's prompts, every page of them. */
  async prompts(signal: AbortSignal): Promise<Prompt[]> {
    const client = await this.ready();
    const prompts: Prompt[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listPrompts(cursor ? { cursor } : {}, { signal, timeout: this.options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS });
      prompts.push(...page.prompts);
      cursor = page.nextCursor;
    } while (cursor);
    return prompts;
  }

  async getPrompt(name: string, args: Record<string, string>, signal: AbortSignal): Promise<GetPromptResult> {
    const client = await this.ready();
    return client.getPrompt({ name, arguments: args }, { signal, timeout: this.options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS });
  }

  async readResource(uri: string, signal: AbortSignal): Promise<ReadResourceResult> {
    const client = await this.ready();
    return client.readResource({ uri }, { signal, timeout: this.options.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.listed = undefined;
    this.signingIn?.close();
    await client?.close().catch(() => undefined);
  }

  private ready(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const now = this.options.now ?? Date.now;
    const pause = this.failures > 1 ? Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (this.failures - 2)) : 0;
    const wait = this.failedAt + pause - now();
    if (wait > 0) return Promise.reject(new Error(`the MCP server "${this.config.name}" failed (${this.lastError}); it starts again in ${Math.ceil(wait / 1000)} s`));
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    const client = new Client({ name: 'ouro', version: '0.1.0' });
    try {
      await this.connectTransport(client);
    } catch (err) {
      this.failed(err);
      await client.close().catch(() => undefined);
      throw new Error(`the MCP server "${this.config.name}" did not start: ${this.lastError}`);
    }
    // A server that exits or drops is started again on the next use.
    client.onclose = () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listed = undefined;
      this.failed(new Error('the server closed the connection'));
    };
    this.client = client;
    this.failures = 0;
    this.lastError = undefined;
    this.options.log?.(`MCP server "${this.config.name}" started`);
    return client;
  }

  private async connectTransport(client: Client): Promise<void> {
    const config = this.config;
    if (config.kind === 'stdio') {
      const cwd = config.cwd ?? this.options.cwd;
      const launch = this.options.sandbox ? await this.options.sandbox({ command: config.command, args: config.args }, cwd) : config;
      const transport = new StdioClientTransport({ command: launch.command, args: launch.args, env: { ...getDefaultEnvironment(), ...config.env }, cwd, stderr: 'pipe' });
      transport.stderr?.on('data', (chunk: Buffer) => this.options.log?.(`[${config.name}] ${chunk.toString().trimEnd()}`));
      return client.connect(transport);
    }
    const url = new URL(config.url);
    const requestInit = { headers: config.headers };
    // A server given its own Authorization header is not signed in to with OAuth.
    const auth = this.options.auth && !Object.keys(config.headers).some((name) => name.toLowerCase() === 'authorization') ? this.options.auth : undefined;
    const authProvider = (this.signingIn = auth && (await McpOAuthProvider.load(config.name, config.url, auth)));
    const sse = () => connectSigningIn(client, () => new SSEClientTransport(url, { requestInit, authProvider }), authProvider);
    if (config.kind === 'sse') return sse();
    try {
      await connectSigningIn(client, () => new StreamableHTTPClientTransport(url, { requestInit, authProvider }), authProvider);
    } catch (err) {
      if (err instanceof UnauthorizedError || err instanceof OAuthError) throw err;
      // Servers of the older protocol answer the Streamable HTTP POST with an error: try SSE, signed in the same way.
      this.options.log?.(`MCP server "${config.name}": Streamable HTTP failed (${message(err)}); trying SSE`);
      await sse();
    }
  }

  private failed(err: unknown): void {
    this.failures++;
    this.failedAt = (this.options.now ?? Date.now)();
    this.lastError = message(err);
    this.options.log?.(`MCP server "${this.config.name}": ${this.lastError}`);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
