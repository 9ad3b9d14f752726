// Answers to `${input:id}` in an MCP configuration: asked once with an input box (hidden for a
// password), then kept in VS Code's secret storage. An input box the person dismissed is not
// asked again until the window reloads: the server stays off and says what it needs.
import * as vscode from 'vscode';
import type { McpInput } from '../../agent/mcp/mcpConfig';

const KEY = 'ouro.mcp.input.';

export class McpInputs {
  private readonly dismissed = new Set<string>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The answers to `ids`, asking for the missing ones; an unanswered one is left out. */
  async answers(ids: readonly string[], declared: readonly McpInput[], server: string): Promise<Map<string, string>> {
    const answers = new Map<string, string>();
    for (const id of ids) {
      const value = (await this.secrets.get(KEY + id)) ?? (await this.ask(id, declared.find((input) => input.id === id), server));
      if (value !== undefined) answers.set(id, value);
    }
    return answers;
  }

  private async ask(id: string, input: McpInput | undefined, server: string): Promise<string | undefined> {
    if (this.dismissed.has(id)) return undefined;
    const value = await vscode.window.showInputBox({
      title: `MCP server "${server}"`,
      prompt: input?.description ?? `A value for \${input:${id}}`,
      password: input?.password ?? false,
      ignoreFocusOut: true,
    });
    if (value === undefined) {
      this.dismissed.add(id);
      return undefined;
    }
    await this.secrets.store(KEY + id, value);
    return value;
  }
}
