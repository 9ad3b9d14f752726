// An in-memory, writable file system for `ouro-proposal:` URIs: the right side of a proposal's
// diff (or a new file's proposal) lives here, so the user can edit it before accepting without
// touching the real file.
// URIs look like `ouro-proposal:/<display path>?id=<toolCallId>`: the path keeps the file's name
// and extension (breadcrumbs, highlighting), the query tells proposals of one file apart.
import * as vscode from 'vscode';

export const PROPOSAL_SCHEME = 'ouro-proposal';

interface Entry {
  content: Uint8Array;
  mtime: number;
  readonly: boolean;
}

/**
 * `new`: the proposal of a new file, shown on its own rather than in a diff; `new-protected`, of
 * a new file that decides what runs later. The authority is what makes its tab's label say so
 * (`resourceLabelFormatters` in package.json): a normal editor's tab takes no title.
 */
export function proposalUri(toolCallId: string, path: string, side: 'proposal' | 'new' | 'new-protected' = 'proposal'): vscode.Uri {
  const query = new URLSearchParams({ id: toolCallId });
  const authority = side === 'proposal' ? '' : side;
  return vscode.Uri.from({ scheme: PROPOSAL_SCHEME, authority, path: `/${path.replace(/^\/+/, '')}`, query: query.toString() });
}

/** The tool call a proposal URI belongs to. */
export function toolCallIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== PROPOSAL_SCHEME) return undefined;
  return new URLSearchParams(uri.query).get('id') ?? undefined;
}

export class ProposalFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  set(uri: vscode.Uri, content: Uint8Array, readonly = false): void {
    const existed = this.files.has(uri.toString());
    this.files.set(uri.toString(), { content, mtime: Date.now(), readonly });
    this.changed.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  get(uri: vscode.Uri): Uint8Array | undefined {
    return this.files.get(uri.toString())?.content;
  }

  delete(uri: vscode.Uri): void {
    if (this.files.delete(uri.toString())) this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.entry(uri);
    return {
      type: vscode.FileType.File,
      ctime: entry.mtime,
      mtime: entry.mtime,
      size: entry.content.byteLength,
      permissions: entry.readonly ? vscode.FilePermission.Readonly : undefined,
    };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {}

  readFile(uri: vscode.Uri): Uint8Array {
    return this.entry(uri).content;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const entry = this.files.get(uri.toString());
    // Only proposals opened by the diff review exist here; nothing else may be created.
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    if (entry.readonly) throw vscode.FileSystemError.NoPermissions(uri);
    this.set(uri, content);
  }

  rename(oldUri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }

  dispose(): void {
    this.changed.dispose();
    this.files.clear();
  }

  private entry(uri: vscode.Uri): Entry {
    const entry = this.files.get(uri.toString());
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }
}
