// The left side of a worktree session's diff: a file as it was in the commit the session started
// from, read from git and served read-only under `ouro-base:` URIs (an absent file reads empty);
// also the read-only documents Ouro writes for the person, such as the Try N Ways table.
import * as vscode from 'vscode';
import { gitBytes } from '../../agent/worktrees/git';

export const BASE_SCHEME = 'ouro-base';

/** The file `path` (relative to the repository's top) at `commit` of the repository at `root`. */
export function baseUri(root: string, commit: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: BASE_SCHEME, path: `/${path}`, query: new URLSearchParams({ root, commit }).toString() });
}

/** An empty document named like `path`: the other side of a new or deleted file. */
export function absentUri(path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: BASE_SCHEME, path: `/${path}`, query: 'absent' });
}

export class BaseContent implements vscode.TextDocumentContentProvider {
  /** Read-only documents Ouro wrote (the Try N Ways table), by URI. */
  private readonly documents = new Map<string, string>();
  private counter = 0;

  /** A read-only document named `name` holding `text` (nothing to save when it is closed). */
  show(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: BASE_SCHEME, path: `/${name}`, query: `document=${++this.counter}` });
    this.documents.set(uri.toString(), text);
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const written = this.documents.get(uri.toString());
    if (written !== undefined) return written;
    const query = new URLSearchParams(uri.query);
    const root = query.get('root');
    const commit = query.get('commit');
    if (!root || !commit || !/^[0-9a-f]{7,64}$/.test(commit)) return '';
    const result = await gitBytes(root, ['cat-file', '--filters', `${commit}:${uri.path.slice(1)}`], { okCodes: [128] });
    return result.code === 0 ? result.stdout.toString('utf8') : '';
  }
}
