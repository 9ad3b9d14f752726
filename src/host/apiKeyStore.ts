// The API key lives in SecretStorage under `ouro.apiKey`, never in settings or logs;
// OPENAI_API_KEY from the environment is the fallback when none was stored.
import * as vscode from 'vscode';

const SECRET_KEY = 'ouro.apiKey';

export class ApiKeyStore {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.onDidChange = (listener, thisArgs, disposables) =>
      secrets.onDidChange((event) => event.key === SECRET_KEY && listener.call(thisArgs), undefined, disposables);
  }

  /** The stored key; the environment's is applied by the endpoint resolver. */
  async stored(): Promise<string | undefined> {
    return (await this.secrets.get(SECRET_KEY)) || undefined;
  }

  /**
   * Stores `value` as the key; empty removes the stored one. The command takes it as an argument
   * for scripts and tests, so the key never passes through a log.
   */
  async set(value: string): Promise<'saved' | 'removed' | 'unchanged'> {
    const key = value.trim();
    if (key) {
      await this.secrets.store(SECRET_KEY, key);
      return 'saved';
    }
    if ((await this.stored()) === undefined) return 'unchanged';
    await this.secrets.delete(SECRET_KEY);
    return 'removed';
  }

  /** Asks for the key in a password box; an empty answer removes the stored key. */
  async prompt(): Promise<void> {
    const hadKey = (await this.stored()) !== undefined;
    const value = await vscode.window.showInputBox({
      title: 'Ouro: Set API Key',
      prompt: hadKey ? 'Enter a new API key, or leave empty to remove the stored one.' : 'The key for your OpenAI-compatible endpoint. It is kept in VS Code\'s secret storage.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-...',
    });
    if (value === undefined) return;
    const result = await this.set(value);
    if (result === 'saved') void vscode.window.showInformationMessage('Ouro: API key saved.');
    if (result === 'removed') void vscode.window.showInformationMessage('Ouro: API key removed.');
  }
}
