// A new file is reviewed as the proposal itself in a normal editor, every line shaded as added.
// Not a diff: VS Code's diff always marks a side that is one empty line as removed, so a new
// file's diff showed a red, "deleted" line 1 on its empty left side, and no option turns it off.
import * as vscode from 'vscode';

export class NewFileEditor implements vscode.Disposable {
  /** The proposals shown this way, by URI. */
  private readonly shown = new Set<string>();
  /** What each editor has shaded, as last set. */
  private readonly shadedIn = new WeakMap<vscode.TextEditor, vscode.Range[]>();
  private readonly added = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private readonly disposables: vscode.Disposable[] = [
    this.added,
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.shade(editor))),
    // The person's typing adds lines: they are shaded too.
    vscode.workspace.onDidChangeTextDocument((event) => {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === event.document) this.shade(editor);
    }),
  ];

  /** Opens (or brings back) the proposal at `uri` without taking focus from the chat. */
  async show(uri: vscode.Uri): Promise<void> {
    this.shown.add(uri.toString());
    const editor = await vscode.window.showTextDocument(uri, { preserveFocus: true, preview: false });
    this.shade(editor);
  }

  /** The ranges `editor` shows shaded as added. */
  shaded(editor: vscode.TextEditor): readonly vscode.Range[] {
    return this.shadedIn.get(editor) ?? [];
  }

  forget(uri: vscode.Uri): void {
    this.shown.delete(uri.toString());
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    this.shown.clear();
  }

  private shade(editor: vscode.TextEditor): void {
    if (!this.shown.has(editor.document.uri.toString())) return;
    const last = editor.document.lineCount - 1;
    const ranges = [new vscode.Range(0, 0, last, editor.document.lineAt(last).text.length)];
    editor.setDecorations(this.added, ranges);
    this.shadedIn.set(editor, ranges);
  }
}
