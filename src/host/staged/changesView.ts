// The Changes panel (review at the end): every staged file with its +/− counts, new files and
// conflicts (the file changed on disk since the agent staged its edit) marked. A file opens its
// diff (disk ↔ staged), a conflict the merge editor; Keep and Undo act on a file, Keep All and
// Undo All on everything.
import * as vscode from 'vscode';
import type { StagedSummary } from '../../agent/workspace/stagedWorkspace';
import { currentText } from '../review/applyProposal';
import type { StagedReview } from './stagedReview';
import { stagedUri } from './stagedContent';

export const CHANGES_VIEW_ID = 'ouro.changes';

export interface StagedRow extends StagedSummary {
  /** The file on disk is no longer what it was when the agent staged its change. */
  conflict: boolean;
}

export class ChangesView implements vscode.TreeDataProvider<StagedRow>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<StagedRow | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly review: StagedReview,
    private readonly uriOf: (path: string) => Promise<vscode.Uri>,
    /** A new file is shown as itself, every line shaded as added (a diff would show a red line 1). */
    private readonly showNewFile: (uri: vscode.Uri) => Promise<void> = async (uri) => {
      await vscode.window.showTextDocument(uri, { preview: true });
    },
  ) {
    const tree = vscode.window.createTreeView(CHANGES_VIEW_ID, { treeDataProvider: this });
    const refresh = () => this.emitter.fire(undefined);
    const staged = () => {
      const count = review.pending().length;
      tree.badge = count ? { value: count, tooltip: `${count} staged file${count === 1 ? '' : 's'} to review` } : undefined;
      void vscode.commands.executeCommand('setContext', 'ouro.hasStaged', count > 0);
      refresh();
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onDisk = () => {
      if (review.pending().length) refresh();
    };
    this.disposables.push(tree, watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk), review.onDidChange(staged));
    staged();
  }

  async getChildren(element?: StagedRow): Promise<StagedRow[]> {
    if (element) return [];
    return Promise.all(this.review.pending().map(async (file) => ({ ...file, conflict: await this.conflicts(file.path) })));
  }

  async getTreeItem(row: StagedRow): Promise<vscode.TreeItem> {
    const item = new vscode.TreeItem(await this.uriOf(row.path).catch(() => vscode.Uri.file(row.path)));
    item.label = row.path;
    item.id = row.path;
    const marks = [row.isNew ? 'new' : '', row.conflict ? 'conflict' : ''].filter(Boolean);
    item.description = `+${row.added} −${row.removed}${marks.length ? ` · ${marks.join(' · ')}` : ''}`;
    item.tooltip = `${row.path}: ${row.added} line${row.added === 1 ? '' : 's'} added, ${row.removed} removed${row.isNew ? ', a new file' : ''}${row.conflict ? '. The file changed on disk since it was staged: it opens in the merge editor.' : ''}`;
    item.contextValue = row.conflict ? 'stagedConflict' : 'stagedFile';
    if (row.conflict) item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.command = { command: 'ouro.changes.open', title: 'Open Changes', arguments: [row.path] };
    return item;
  }

  /** Whether the disk no longer holds what the staged change was made on. */
  async conflicts(path: string): Promise<boolean> {
    const file = this.review.get(path);
    if (!file) return false;
    const now = await currentText(await this.uriOf(path)).catch(() => undefined);
    return now !== file.original;
  }

  /** The diff: disk ↔ staged (a new file on its own); a conflict in the merge editor. */
  async open(path: string): Promise<void> {
    const file = this.review.get(path);
    if (!file) return;
    const disk = await this.uriOf(path);
    if (await this.conflicts(path)) return this.openMerge(path, disk);
    if (file.original === undefined) return this.showNewFile(stagedUri(path));
    await vscode.commands.executeCommand('vscode.diff', disk, stagedUri(path), `${path} (on disk ↔ staged by Ouro)`, { preview: true });
  }

  dispose(): void {
    this.emitter.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  /**
   * The merge editor: the file before the agent's change as the base, the person's version on
   * disk and the agent's staged one as the two sides, the file on disk as the result. Where the
   * editor has no merge editor, a compare of the two versions.
   */
  private async openMerge(path: string, disk: vscode.Uri): Promise<void> {
    try {
      await vscode.commands.executeCommand('_open.mergeEditor', {
        base: stagedUri(path, 'before'),
        input1: { uri: disk, title: 'On disk', description: 'your version' },
        input2: { uri: stagedUri(path), title: 'Staged', description: "Ouro's version" },
        output: disk,
      });
    } catch {
      await vscode.commands.executeCommand('vscode.diff', disk, stagedUri(path), `${path} (changed on disk ↔ staged by Ouro)`);
    }
  }
}
