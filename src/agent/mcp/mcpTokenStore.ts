// Where a remote MCP server's OAuth sign-in is kept between runs: the client registration, the
// tokens and the loopback address the authorization server sends the browser back to. A port:
// the CLI keeps them in a file only the user can read, the editor in its SecretStorage.
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

export interface McpSignIn {
  /** The registration the authorization server gave us (dynamic client registration). */
  client?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  /** The redirect address registered with the client; a registration is only good for it. */
  redirectUrl?: string;
}

export interface McpTokenStore {
  /** The sign-in kept for a server's address, if any. */
  load(serverUrl: string): Promise<McpSignIn | undefined>;
  /** Keeps `signIn` for the address; `undefined` forgets it. */
  save(serverUrl: string, signIn: McpSignIn | undefined): Promise<void>;
}
