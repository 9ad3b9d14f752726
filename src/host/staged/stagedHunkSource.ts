// Staged files as a source of hunks for the Keep and Undo lenses, in the Changes panel's diffs
// (disk ↔ staged, the staged side read-only): each decision is recorded, and once every change
// of a file is decided the file is written with the kept ones (as one undoable edit) and the
// model told exactly which were kept and undone. Another staged edit of the file by the agent
// starts its decisions over.
import * as vscode from 'vscode';
import type { Hunk } from '../../agent/review/hunks';
import type { HunkSource } from '../review/hunkLens';
import { STAGED_SCHEME } from './stagedContent';
import { stagedHunks } from './stagedHunks';
import type { StagedReview } from './stagedReview';

interface FileDecisions {
  /** The staged text the decisions were made on. */
  content: string;
  kept: Set<number>;
  undone: Set<number>;
}

export class StagedHunkSource implements HunkSource, vscode.Disposable {
  readonly scheme = STAGED_SCHEME;
  readonly readOnly = true;
  private readonly decisions = new Map<string, FileDecisions>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly review: StagedReview,
    private readonly report: (error: unknown) => void,
  ) {
    this.subscription = review.onDidChange(() => this.changed.fire());
  }

  handles(uri: vscode.Uri): boolean {
    return uri.query === '' && this.review.get(pathOf(uri)) !== undefined;
  }

  original(uri: vscode.Uri): string {
    return withoutBom(this.review.get(pathOf(uri))?.original ?? '');
  }

  isKept(uri: vscode.Uri, hunk: Hunk): boolean {
    return this.current(pathOf(uri))?.kept.has(hunk.index) ?? false;
  }

  isUndone(uri: vscode.Uri, hunk: Hunk): boolean {
    return this.current(pathOf(uri))?.undone.has(hunk.index) ?? false;
  }

  async decide(uri: vscode.Uri, hunk: Hunk, keep: boolean): Promise<void> {
    const path = pathOf(uri);
    const file = this.review.get(path);
    if (!file) return;
    let decisions = this.current(path);
    if (!decisions) {
      decisions = { content: file.content, kept: new Set(), undone: new Set() };
      this.decisions.set(path, decisions);
    }
    (keep ? decisions.kept : decisions.undone).add(hunk.index);
    (keep ? decisions.undone : decisions.kept).delete(hunk.index);
    this.changed.fire();
    const all = stagedHunks(this.review, path).length;
    if (decisions.kept.size + decisions.undone.size < all) return;
    this.decisions.delete(path);
    try {
      if (decisions.kept.size === 0) this.review.undo(path);
      else await this.review.keep(path, decisions.undone);
    } catch (error) {
      this.report(error);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The decisions on `path`, unless the agent staged another change to it since. */
  private current(path: string): FileDecisions | undefined {
    const decisions = this.decisions.get(path);
    if (decisions && decisions.content !== this.review.get(path)?.content) this.decisions.delete(path);
    return this.decisions.get(path);
  }
}

function pathOf(uri: vscode.Uri): string {
  return uri.path.slice(1);
}

function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
