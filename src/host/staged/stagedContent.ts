// The staged side of a staged file's diff: read-only documents under `ouro-staged:`, the path
// as the URI's path. `?before` is the file as it was before the agent's first staged change
// (empty for a file the agent created): the left side of a new file's diff and the merge base.
import * as vscode from 'vscode';
import type { StagedReview } from './stagedReview';

export const STAGED_SCHEME = 'ouro-staged';

export function stagedUri(path: string, side: 'staged' | 'before' = 'staged'): vscode.Uri {
  return vscode.Uri.from({ scheme: STAGED_SCHEME, path: `/${path}`, ...(side === 'before' ? { query: 'before' } : {}) });
}

export class StagedContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly shown = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly review: StagedReview) {
    // An open staged document follows what is staged (another edit by the agent, a keep).
    this.subscription = review.onDidChange(() => {
      for (const uri of this.shown) this.emitter.fire(vscode.Uri.parse(uri));
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.shown.add(uri.toString());
    const file = this.review.get(uri.path.slice(1));
    if (!file) return '';
    const text = uri.query === 'before' ? (file.original ?? '') : file.content;
    // The document shows text; a byte-order mark is the file's encoding, not a character.
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
