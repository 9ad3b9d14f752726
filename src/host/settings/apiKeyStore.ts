// API keys live in SecretStorage, never in settings or logs: the model endpoint's under
// `ouro.apiKey` (OPENAI_API_KEY from the environment is the fallback when none was stored), and
// the search API's under `ouro.searchApiKey`.
import * as vscode from 'vscode';

export interface KeySpec {
  secret: string;
  title: string;
  /** What the box says when no key is stored yet. */
  purpose: string;
  placeHolder: string;
  /** "API key" or "Search API key", for the messages. */
  noun: string;
}

export const ENDPOINT_KEY: KeySpec = {
  secret: 'ouro.apiKey',
  title: 'Ouro: Set API Key',
  purpose: "The key for your OpenAI-compatible endpoint. It is kept in VS Code's secret storage.",
  placeHolder: 'sk-...',
  noun: 'API key',
};

export const SEARCH_KEY: KeySpec = {
  secret: 'ouro.searchApiKey',
  title: 'Ouro: Set Search API Key',
  purpose: "A Brave Search API key, for web_search. It is kept in VS Code's secret storage.",
  placeHolder: 'BSA...',
  noun: 'Search API key',
};

export class ApiKeyStore {
  readonly onDidChange: vscode.Event<void>;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly spec: KeySpec = ENDPOINT_KEY,
  ) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((event) => event.key === spec.secret && listener.call(thisArgs), undefined, disposables);
  }

  /** The stored key; the environment's is applied by the endpoint resolver. */
  async stored(): Promise<string | undefined> {
    return (await this.secrets.get(this.spec.secret)) || undefined;
  }

  /**
   * Stores `value` as the key; empty removes the stored one. The command takes it as an argument
   * for scripts and tests, so the key never passes through a log.
   */
  async set(value: string): Promise<'saved' | 'removed' | 'unchanged'> {
    const key = value.trim();
    if (key) {
      await this.secrets.store(this.spec.secret, key);
      return 'saved';
    }
    if ((await this.stored()) === undefined) return 'unchanged';
    await this.secrets.delete(this.spec.secret);
    return 'removed';
  }

  /** Asks for the key in a password box; an empty answer removes the stored key. */
  async prompt(): Promise<void> {
    const hadKey = (await this.stored()) !== undefined;
    const value = await vscode.window.showInputBox({
      title: this.spec.title,
      prompt: hadKey ? `Enter a new ${this.spec.noun}, or leave empty to remove the stored one.` : this.spec.purpose,
      password: true,
      ignoreFocusOut: true,
      placeHolder: this.spec.placeHolder,
    });
    if (value === undefined) return;
    const result = await this.set(value);
    if (result === 'saved') void vscode.window.showInformationMessage(`Ouro: ${this.spec.noun} saved.`);
    if (result === 'removed') void vscode.window.showInformationMessage(`Ouro: ${this.spec.noun} removed.`);
  }
}
