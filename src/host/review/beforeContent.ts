// The left side of a changed file's diff: what the file held before the conversation, served
// read-only under `ouro-before:` URIs. The content is set when the diff is opened.
import * as vscode from 'vscode';

export const BEFORE_SCHEME = 'ouro-before';

export class BeforeContent implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** A URI with this file's name (so it is highlighted as its language) showing `content`. */
  show(path: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: BEFORE_SCHEME, path: `/${path.replace(/^\/+/, '')}` });
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
