// Files and selections the user attached to the next message ("Ask Ouro about this file / the
// selection"). The chips show in the chat; the content goes into the user message when sent.
import * as vscode from 'vscode';
import type { AttachmentView } from '../../protocol/messages';
import { attachmentLabel, clipContent, type Attachment } from './attachmentText';

export type NewAttachment = Omit<Attachment, 'id'>;

export class AttachmentStore {
  private items: Attachment[] = [];
  private count = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  add(attachment: NewAttachment): void {
    const label = attachmentLabel(attachment);
    // Attaching the same thing twice replaces it: the newest content wins.
    this.items = this.items.filter((item) => attachmentLabel(item) !== label);
    this.items.push({ ...attachment, id: `a${++this.count}` });
    this.changed.fire();
  }

  remove(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
    this.changed.fire();
  }

  /** What the next message will carry, without taking it (for the context meter). */
  pending(): readonly Attachment[] {
    return this.items;
  }

  /** Hands the attachments to a message being sent and clears the chips. */
  take(): Attachment[] {
    const taken = this.items;
    this.items = [];
    if (taken.length > 0) this.changed.fire();
    return taken;
  }

  views(): AttachmentView[] {
    return this.items.map((item) => ({
      id: item.id,
      label: attachmentLabel(item),
      path: item.path,
      ...(item.folder ? { folder: true } : {}),
      ...(item.startLine !== undefined ? { startLine: item.startLine, endLine: item.endLine ?? item.startLine } : {}),
    }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A whole file: the open document's text when it is open (unsaved edits included), else the disk's. */
export async function fileAttachment(uri: vscode.Uri): Promise<NewAttachment> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  // Without an open document, the extension names the fence's language well enough.
  const extension = /\.([A-Za-z0-9]+)$/.exec(uri.path)?.[1];
  return { path: displayPathOf(uri), ...clipContent(text), language: open?.languageId ?? extension };
}

/** Each non-empty selection of the editor, as whole lines. */
export function selectionAttachments(editor: vscode.TextEditor): NewAttachment[] {
  return editor.selections
    .filter((selection) => !selection.isEmpty)
    .map((selection) => {
      // A selection ending at column 0 of a line does not include that line.
      const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
      const range = new vscode.Range(selection.start.line, 0, endLine, editor.document.lineAt(endLine).text.length);
      return {
        path: displayPathOf(editor.document.uri),
        ...clipContent(editor.document.getText(range)),
        startLine: selection.start.line + 1,
        endLine: endLine + 1,
        language: editor.document.languageId,
      };
    });
}

function displayPathOf(uri: vscode.Uri): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return vscode.workspace.asRelativePath(uri, multiRoot);
}
