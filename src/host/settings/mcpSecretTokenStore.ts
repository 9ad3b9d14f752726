// The editor's MCP sign-ins: each remote server's OAuth registration and tokens in VS Code's
// SecretStorage (the OS keychain), one secret per server address, never in settings or logs.
import type * as vscode from 'vscode';
import type { McpSignIn, McpTokenStore } from '../../agent/mcp/mcpTokenStore';

const PREFIX = 'ouro.mcpSignIn:';

export class McpSecretTokenStore implements McpTokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async load(serverUrl: string): Promise<McpSignIn | undefined> {
    const text = await this.secrets.get(PREFIX + serverUrl);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as McpSignIn;
    } catch {
      return undefined;
    }
  }

  async save(serverUrl: string, signIn: McpSignIn | undefined): Promise<void> {
    if (signIn) await this.secrets.store(PREFIX + serverUrl, JSON.stringify(signIn));
    else await this.secrets.delete(PREFIX + serverUrl);
  }
}
