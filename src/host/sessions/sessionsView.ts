// The Sessions view: the worktree sessions of the workspace's repository with their state,
// elapsed time and changed-file count, refreshed when a session's record changes (and every few
// seconds while one runs, for its time and files). Sessions waiting for an approval show as
// "waiting for you" and count in the view's badge. A workspace that is not a git repository has
// none: the view's welcome says why (the `ouro.sessions.unavailable` context).
import * as vscode from 'vscode';
import { RECORD_SUFFIX } from '../../agent/worktrees/sessionRecord';
import { WorktreeSessions, type ListedSession } from '../../agent/worktrees/worktreeSessions';
import { lookOf, rowOf, waitingBadge, type SessionRow } from './sessionRows';
import { readWorktreesFolder } from './worktreeSettings';

export const SESSIONS_VIEW_ID = 'ouro.sessions';
const TICK_MS = 5000;

export class SessionsView implements vscode.TreeDataProvider<SessionRow>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SessionRow | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** Something changed: list the rows again (the chat view's session list listens too). */
  readonly onDidRefresh = this.refreshed.event;
  private listing: Promise<SessionRow[]> | undefined;
  private readonly tree: vscode.TreeView<SessionRow>;
  private readonly disposables: vscode.Disposable[] = [];
  private opened: Promise<WorktreeSessions | Error> | undefined;
  private watcher: vscode.Disposable | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Branches whose session waits for the person's decision. */
  private readonly waiting = new Set<string>();
  /** Changed-file counts of finished sessions, by branch and end time. */
  private readonly counts = new Map<string, number>();
  rows: SessionRow[] = [];
  /** The sessions that run in the workspace itself, listed first. */
  hereRows: () => SessionRow[] = () => [];

  constructor(
    private readonly globalStorage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.tree = vscode.window.createTreeView(SESSIONS_VIEW_ID, { treeDataProvider: this });
    this.disposables.push(
      this.tree,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('ouro.worktrees.folder')) this.reopen();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reopen()),
    );
  }

  /** The sessions of the first folder's repository, or why there are none. */
  async sessions(): Promise<WorktreeSessions | Error> {
    const current = await (this.opened ??= this.open());
    // The person may have run `git init` since: asked again, it may be a repository now.
    if (current instanceof Error) this.opened = this.open();
    return this.opened;
  }

  /** Like sessions(), but throws the reason there are none. */
  async required(): Promise<WorktreeSessions> {
    const sessions = await this.sessions();
    if (sessions instanceof Error) throw sessions;
    return sessions;
  }

  refresh(): void {
    // A listing already under way may have missed the change.
    this.listing = undefined;
    this.emitter.fire(undefined);
    this.refreshed.fire();
  }

  setWaiting(branch: string, waiting: boolean): void {
    if (waiting) this.waiting.add(branch);
    else this.waiting.delete(branch);
    this.refresh();
  }

  async getChildren(element?: SessionRow): Promise<SessionRow[]> {
    return element ? [] : this.listRows();
  }

  /** The rows as they are now; the tree and the chat view asking at once share one listing. */
  listRows(): Promise<SessionRow[]> {
    if (this.listing) return this.listing;
    const listing = this.readRows().finally(() => {
      if (this.listing === listing) this.listing = undefined;
    });
    return (this.listing = listing);
  }

  private async readRows(): Promise<SessionRow[]> {
    const sessions = await this.sessions();
    const listed = sessions instanceof Error ? [] : await sessions.list().catch((err: Error) => (this.log.warn(`sessions: ${err.message}`), []));
    const now = Date.now();
    const worktrees = await Promise.all(
      listed.map(async (session) => {
        const changedFiles = session.present && !(sessions instanceof Error) ? await this.changedFiles(sessions, session) : undefined;
        return rowOf(session, { now, waiting: this.waiting.has(session.branch), changedFiles });
      }),
    );
    this.rows = [...this.hereRows(), ...worktrees.reverse()];
    this.tree.badge = waitingBadge(this.rows);
    this.tick(this.rows.some((row) => row.state === 'running' || row.state === 'waiting'));
    void vscode.commands.executeCommand('setContext', 'ouro.sessions.count', this.rows.length);
    return this.rows;
  }

  getTreeItem(row: SessionRow): vscode.TreeItem {
    const look = lookOf(row);
    const item = new vscode.TreeItem(look.label);
    item.id = row.branch;
    item.description = look.description;
    item.tooltip = look.tooltip;
    item.contextValue = look.contextValue;
    item.iconPath = new vscode.ThemeIcon(look.icon, row.state === 'failed' ? new vscode.ThemeColor('list.errorForeground') : row.state === 'waiting' ? new vscode.ThemeColor('list.warningForeground') : undefined);
    if (row.present) item.command = { command: 'ouro.sessions.review', title: 'Review', arguments: [row] };
    return item;
  }

  /** A finished session's count is kept until it is refreshed by hand (the person may edit its worktree); a running one's is read each time. */
  private async changedFiles(sessions: WorktreeSessions, session: ListedSession): Promise<number | undefined> {
    const key = `${session.branch}@${session.endedAt ?? ''}`;
    const known = session.endedAt ? this.counts.get(key) : undefined;
    if (known !== undefined) return known;
    const count = await sessions.diff(session.branch).then((diff) => diff.files.length, () => undefined);
    if (session.endedAt && count !== undefined) this.counts.set(key, count);
    return count;
  }

  /** Forgets the kept counts and lists again. */
  reload(): void {
    this.counts.clear();
    this.refresh();
  }

  private reopen(): void {
    this.opened = undefined;
    this.refresh();
  }

  private async open(): Promise<WorktreeSessions | Error> {
    this.watcher?.dispose();
    const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
    const sessions = folder ? await WorktreeSessions.open({ workspace: folder.uri.fsPath, folder: readWorktreesFolder(this.globalStorage) }).catch((err: Error) => err) : new Error('worktree sessions need a folder open');
    void vscode.commands.executeCommand('setContext', 'ouro.sessions.unavailable', sessions instanceof Error);
    if (sessions instanceof Error) {
      this.log.info(`sessions: ${sessions.message}`);
      return sessions;
    }
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(sessions.folder), `*${RECORD_SUFFIX}`));
    const changed = () => this.refresh();
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    return sessions;
  }

  private tick(on: boolean): void {
    if (on && !this.timer) this.timer = setInterval(() => this.refresh(), TICK_MS);
    if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.tick(false);
    this.watcher?.dispose();
    this.emitter.dispose();
    this.refreshed.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
