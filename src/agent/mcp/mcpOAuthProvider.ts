// Signing in to a remote MCP server with OAuth 2.1, as the SDK's auth flow asks for it: the
// authorization server is discovered from the server's 401, Ouro registers itself (dynamic client
// registration) with a loopback redirect, sends the person to the authorization page, takes the
// code when the browser comes back, and trades it with its PKCE verifier for tokens. What it got
// is kept in a McpTokenStore, so the next run signs in without the browser; an expired token is
// refreshed by the SDK when the server answers 401 again.
import { randomBytes } from 'node:crypto';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { McpSignIn, McpTokenStore } from './mcpTokenStore';
import { listenForRedirect, loopbackRedirectUrl, type AwaitedRedirect } from './oauthRedirect';

export interface McpAuthOptions {
  store: McpTokenStore;
  /** Shows the person the authorization page (the CLI prints it and opens a browser). */
  openBrowser: (url: URL, server: string) => void | Promise<void>;
  /** Milliseconds to wait for the browser to come back. */
  redirectTimeoutMs?: number;
}

export class McpOAuthProvider implements OAuthClientProvider {
  private verifier: string | undefined;
  private sentState = '';
  private awaited: AwaitedRedirect | undefined;

  private constructor(
    private readonly server: string,
    private readonly serverUrl: string,
    private signIn: McpSignIn & { redirectUrl: string },
    private readonly options: McpAuthOptions,
  ) {}

  static async load(server: string, serverUrl: string, options: McpAuthOptions): Promise<McpOAuthProvider> {
    const kept = (await options.store.load(serverUrl)) ?? {};
    // A registration names its redirect address: keep the address it was made with, or start afresh.
    const signIn = kept.redirectUrl ? { ...kept, redirectUrl: kept.redirectUrl } : { redirectUrl: await loopbackRedirectUrl() };
    return new McpOAuthProvider(server, serverUrl, signIn, options);
  }

  get redirectUrl(): string {
    return this.signIn.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return { client_name: 'Ouro', redirect_uris: [this.signIn.redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }

  state(): string {
    this.sentState = randomBytes(16).toString('base64url');
    return this.sentState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    return this.signIn.client;
  }

  saveClientInformation(client: OAuthClientInformationMixed): Promise<void> {
    return this.keep({ ...this.signIn, client });
  }

  tokens(): OAuthTokens | undefined {
    return this.signIn.tokens;
  }

  saveTokens(tokens: OAuthTokens): Promise<void> {
    return this.keep({ ...this.signIn, tokens });
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error('no sign-in is under way');
    return this.verifier;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    this.awaited?.close();
    this.awaited = await listenForRedirect(this.signIn.redirectUrl, this.sentState, this.options.redirectTimeoutMs);
    await this.options.openBrowser(url, this.server);
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'verifier' || scope === 'all') this.verifier = undefined;
    if (scope === 'all') await this.keep({ redirectUrl: this.signIn.redirectUrl });
    else if (scope === 'client') await this.keep({ ...this.signIn, client: undefined });
    else if (scope === 'tokens') await this.keep({ ...this.signIn, tokens: undefined });
  }

  /** The code the browser brought back, once the flow sent the person to the authorization page. */
  authorizationCode(): Promise<string> | undefined {
    const awaited = this.awaited;
    this.awaited = undefined;
    return awaited?.code;
  }

  /** Stops waiting for a browser that has not come back. */
  close(): void {
    this.awaited?.close();
    this.awaited = undefined;
  }

  private async keep(signIn: McpSignIn & { redirectUrl: string }): Promise<void> {
    this.signIn = signIn;
    await this.options.store.save(this.serverUrl, signIn);
  }
}

/** A remote transport that can finish the sign-in it started (both the SDK's HTTP transports). */
export type SigningInTransport = Transport & { finishAuth(authorizationCode: string): Promise<void> };

/**
 * Connects over Streamable HTTP or the older SSE transport, signing in on the way when the server asks: a 401 starts the
 * flow, and once the browser brings the code back, it is traded for tokens and a fresh transport
 * connects with them.
 */
export async function connectSigningIn(client: Client, transport: () => SigningInTransport, provider: McpOAuthProvider | undefined): Promise<void> {
  const first = transport();
  try {
    await client.connect(first);
  } catch (err) {
    const code = err instanceof UnauthorizedError ? provider?.authorizationCode() : undefined;
    if (code === undefined) throw err;
    await client.close().catch(() => undefined);
    try {
      await first.finishAuth(await code);
    } catch (failed) {
      // Said as a sign-in failure, so that it is not taken for a server of the older transport.
      throw new UnauthorizedError(`the sign-in failed: ${failed instanceof Error ? failed.message : String(failed)}`);
    }
    await client.connect(transport());
  }
}
