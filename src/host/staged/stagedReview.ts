// Review at the end, in the editor: the chat's StagedWorkspace (one per conversation, restored
// with it), what the changes panel and the run approval act on. Kept changes go to the disk
// through `commitTarget` (one WorkspaceEdit per file); what the person kept or undid is held
// for the model's next request; every change to what is staged is saved with the conversation.
import { StagedWorkspace, type CommitResult, type StagedFile, type StagedSummary } from '../../agent/workspace/stagedWorkspace';
import type { Workspace } from '../../agent/workspace/workspace';

export interface StagedReviewDeps {
  /** Where kept changes are written: the editor's workspace, without a second review. */
  commitTarget: Workspace;
  /** Saves what is staged with the conversation shown now. */
  persist(staged: StagedFile[]): void;
  /** Holds what the model should hear with its next request. */
  note(text: string): void;
}

export class StagedReview {
  private staging: StagedWorkspace;
  private subscription: { dispose(): void } | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: StagedReviewDeps) {
    this.staging = this.start([]);
  }

  /** The staged layer of the conversation shown now. */
  get workspace(): StagedWorkspace {
    return this.staging;
  }

  /** Another conversation is shown: its staged changes (none for a new one). */
  load(staged: readonly StagedFile[] | undefined): void {
    this.staging = this.start(staged ?? []);
    this.changed();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  pending(): StagedSummary[] {
    return this.staging.pending();
  }

  get(path: string): StagedFile | undefined {
    return this.staging.get(path);
  }

  /** Writes the file's staged hunks but those `undone`; the model hears what was kept. */
  async keep(path: string, undone: ReadonlySet<number> = new Set()): Promise<CommitResult> {
    const result = await this.staging.commit(path, undone);
    this.deps.note(result.report);
    return result;
  }

  /** Drops the file's staged changes; the model hears they were undone. */
  undo(path: string): void {
    this.deps.note(this.staging.discard(path));
  }

  /** Keeps every file; the ones that could not be written (a conflict) stay staged. */
  async keepAll(): Promise<CommitResult[]> {
    const results: CommitResult[] = [];
    for (const file of this.staging.staged()) results.push(await this.keep(file.path));
    return results;
  }

  undoAll(): void {
    for (const file of this.staging.staged()) this.undo(file.path);
  }

  private start(staged: readonly StagedFile[]): StagedWorkspace {
    this.subscription?.dispose();
    const staging = new StagedWorkspace(this.deps.commitTarget, staged);
    this.subscription = staging.onDidChange(() => {
      this.deps.persist(staging.staged());
      this.changed();
    });
    return staging;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
