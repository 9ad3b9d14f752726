// Keep and Undo above each change of a diff's right side, as CodeLens, and the keyboard commands
// that do the same at the cursor (next change, keep change, undo change). Generic: any source of
// diffs whose right side is an editable document plugs in as a HunkSource; the lenses are always
// those of the text the editor shows, so they follow the person's own typing.
import * as vscode from 'vscode';
import { hunkAtLine, nextHunk, undoEdit } from '../../agent/review/hunkDecisions';
import { hunksOf, type Hunk } from '../../agent/review/hunks';

/** Set while the editor in front shows a diff whose changes a source decides (for keybindings). */
export const HUNK_REVIEW_CONTEXT = 'ouro.hunkReview';

export interface HunkSource {
  /** The URI scheme of the right sides this source shows. */
  readonly scheme: string;
  /** Whether this source decides the changes of `uri`, a diff's right side. */
  handles(uri: vscode.Uri): boolean;
  /** The text the changes of `uri` are made to: the diff's left side. */
  original(uri: vscode.Uri): string;
  /** Whether the person kept `hunk` of `uri` as it reads now. */
  isKept(uri: vscode.Uri, hunk: Hunk): boolean;
  /** Records a decision; for an undo the original's text is back in the document already (unless `readOnly`). */
  decide(uri: vscode.Uri, hunk: Hunk, keep: boolean): Promise<void>;
  /**
   * The right sides are read-only (staged changes): an undo is only recorded, the document keeps
   * the change, and `isUndone` says which were undone.
   */
  readonly readOnly?: boolean;
  isUndone?(uri: vscode.Uri, hunk: Hunk): boolean;
  /** Fires when what `handles` or `isKept` answer changes. */
  readonly onDidChange: vscode.Event<void>;
}

/** A change to decide: in which document, and whose. */
interface Target {
  source: HunkSource;
  document: vscode.TextDocument;
  hunk: Hunk;
}

export class HunkLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly sources: HunkSource[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor() {
    this.disposables.push(
      command('ouro.keepHunk', (uri?: vscode.Uri, index?: number) => this.decide(true, uri, index)),
      command('ouro.undoHunk', (uri?: vscode.Uri, index?: number) => this.decide(false, uri, index)),
      command('ouro.nextHunk', () => this.next()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.sourceOf(event.document.uri)) this.changed.fire();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.updateContext()),
    );
  }

  /** Shows the lenses of `source`'s diffs until the returned disposable is disposed. */
  add(source: HunkSource): vscode.Disposable {
    this.sources.push(source);
    const registered = [
      vscode.languages.registerCodeLensProvider({ scheme: source.scheme }, this),
      source.onDidChange(() => {
        this.changed.fire();
        this.updateContext();
      }),
    ];
    return new vscode.Disposable(() => {
      this.sources.splice(this.sources.indexOf(source), 1);
      for (const disposable of registered) disposable.dispose();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const source = this.sourceOf(document.uri);
    if (!source) return [];
    const hunks = hunksOf(source.original(document.uri), document.getText());
    return hunks.flatMap((hunk) => {
      const line = Math.min(Math.max(hunk.proposedStart - 1, 0), document.lineCount - 1);
      const range = new vscode.Range(line, 0, line, 0);
      const args = [document.uri, hunk.index];
      const keep: vscode.Command = source.isKept(document.uri, hunk)
        ? { title: '$(pass-filled) Kept', command: '', tooltip: 'You kept this change' }
        : { title: '$(check) Keep', command: 'ouro.keepHunk', arguments: args, tooltip: 'Keep this change' };
      const undo: vscode.Command = source.isUndone?.(document.uri, hunk)
        ? { title: '$(discard) Undone', command: '', tooltip: 'You undid this change: the file keeps what it had' }
        : { title: '$(discard) Undo', command: 'ouro.undoHunk', arguments: args, tooltip: 'Undo this change: put back what the file had' };
      return [new vscode.CodeLens(range, keep), new vscode.CodeLens(range, undo)];
    });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private sourceOf(uri: vscode.Uri): HunkSource | undefined {
    return this.sources.find((source) => source.scheme === uri.scheme && source.handles(uri));
  }

  /** A lens names its change; a keybinding means the change at the cursor. */
  private async decide(keep: boolean, uri?: vscode.Uri, index?: number): Promise<void> {
    const target = uri && index !== undefined ? this.lensTarget(uri, index) : this.cursorTarget();
    if (!target) return;
    const { source, document, hunk } = target;
    if (!keep && !source.readOnly) {
      const edit = undoEdit(document.getText(), hunk);
      const workspaceEdit = new vscode.WorkspaceEdit();
      workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
      if (!(await vscode.workspace.applyEdit(workspaceEdit))) throw new Error('the change could not be undone in the editor.');
    }
    await source.decide(document.uri, hunk, keep);
  }

  private lensTarget(uri: vscode.Uri, index: number): Target | undefined {
    const source = this.sourceOf(uri);
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (!source || !document) return undefined;
    const hunk = hunksOf(source.original(uri), document.getText())[index];
    return hunk && { source, document, hunk };
  }

  private cursorTarget(): Target | undefined {
    const editor = this.editor();
    if (!editor) return undefined;
    const { source, document } = editor;
    const hunk = hunkAtLine(hunksOf(source.original(document.uri), document.getText()), editor.editor.selection.active.line + 1);
    if (!hunk) void vscode.window.showInformationMessage('Ouro: no change at the cursor. Next Change moves to one.');
    return hunk && { source, document, hunk };
  }

  private async next(): Promise<void> {
    const found = this.editor();
    if (!found) return;
    const { editor, source, document } = found;
    const hunk = nextHunk(hunksOf(source.original(document.uri), document.getText()), editor.selection.active.line + 1);
    if (!hunk) return;
    const line = Math.min(hunk.proposedStart - 1, document.lineCount - 1);
    const at = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The right side of the diff in front: the active editor, or the other side of its diff. */
  private editor(): { editor: vscode.TextEditor; source: HunkSource; document: vscode.TextDocument } | undefined {
    const active = vscode.window.activeTextEditor;
    const modified = this.modifiedInFront()?.toString();
    // From the diff's left side, the keys act on its right side, where the lenses are.
    const editor = active && this.sourceOf(active.document.uri) ? active : vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === modified);
    const source = editor && this.sourceOf(editor.document.uri);
    return editor && source ? { editor, source, document: editor.document } : undefined;
  }

  private modifiedInFront(): vscode.Uri | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputTextDiff ? input.modified : undefined;
  }

  private updateContext(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const modified = this.modifiedInFront();
    const inFront = [active, modified].some((uri) => uri !== undefined && this.sourceOf(uri) !== undefined);
    void vscode.commands.executeCommand('setContext', HUNK_REVIEW_CONTEXT, inFront);
  }
}

function command(id: string, run: (...args: never[]) => Promise<void>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      await run(...args);
    } catch (error) {
      void vscode.window.showErrorMessage(`Ouro: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
