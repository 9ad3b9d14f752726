// Opens what a chat's file link or chip names: a file in an editor (its lines selected when
// given), a folder in the Explorer. A path that cannot be opened gets a warning, not a throw.
import * as vscode from 'vscode';

export interface ShownLines {
  startLine?: number;
  endLine?: number;
}

/** `locate` turns the link's path into the file on disk, after the workspace's own checks. */
export async function showPath(locate: () => Promise<{ uri: vscode.Uri; directory: boolean }>, lines: ShownLines = {}): Promise<void> {
  try {
    const { uri, directory } = await locate();
    if (directory) await vscode.commands.executeCommand('revealInExplorer', uri);
    else await vscode.window.showTextDocument(uri, { preview: true, ...(lines.startLine ? { selection: linesRange(lines.startLine, lines.endLine ?? lines.startLine) } : {}) });
  } catch (error) {
    void vscode.window.showWarningMessage(`Ouro: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Whole lines, 1-based and inclusive, as a selection (the editor clamps a range past the end). */
function linesRange(startLine: number, endLine: number): vscode.Range {
  return new vscode.Range(startLine - 1, 0, endLine, 0);
}
