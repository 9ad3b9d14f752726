// The sidebar chat: a webview view that loads only from media/ and dist/, under a strict CSP,
// and keeps its context while hidden so a running task keeps streaming into it. Everything the
// webview sends is validated here; what does not fit is logged and dropped.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostMessage, WebviewMessage } from '../../protocol/messages';
import { parseWebviewMessage } from '../../protocol/validate';
import { chatPageHtml } from './webviewHtml';

export const CHAT_VIEW_ID = 'ouro.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private description: string | undefined;
  /** Set by the composition root once the controller exists. */
  onMessage: (message: WebviewMessage) => void = () => {};

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.description = this.description;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
    const asUri = (...parts: string[]) => view.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...parts)).toString();
    view.webview.html = chatPageHtml({
      cspSource: view.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asUri('dist', 'webview.js'),
      styleUris: [asUri('dist', 'icons.css'), asUri('media', 'chat.css')],
      tabSize: vscode.workspace.getConfiguration('editor').get<number>('tabSize'),
    });
    view.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = parseWebviewMessage(raw);
      if (!parsed.ok) {
        this.log.warn(`ignored a message from the chat view: ${parsed.error}`);
        return;
      }
      this.onMessage(parsed.message);
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  /** The words beside the view's title (how edits are reviewed). */
  describe(description: string | undefined): void {
    this.description = description;
    if (this.view) this.view.description = description;
  }

  /** Dropped when no view is showing: the view asks for a snapshot when it loads. */
  post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  /** Opens the chat (its container too) and puts the cursor in the input. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    this.post({ type: 'focusInput' });
  }
}
