// Writes an accepted proposal as a WorkspaceEdit, so it is undoable like any edit: a new file is
// created, an existing one has its whole text replaced and is saved. Nothing is written when the
// file changed since the tool read it: the outcome asks the agent to read it again.
import * as vscode from 'vscode';
import { BOM, decodeText, encodeText, withBom } from '../../agent/workspace/text';
import type { Proposal, ProposalOutcome } from '../../agent/workspace/workspace';

/** What the file holds now, as a proposal's `original` would: undefined when it does not exist. */
export async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
  const decoded = decodeText(bytes);
  return decoded.kind === 'text' ? withBom(decoded.text, decoded.bom) : undefined;
}

/** Why writing now would overwrite someone else's change, if it would (the edit tools add what to do next). */
export async function findConflict(uri: vscode.Uri, proposal: Proposal): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open?.isDirty) return `${proposal.path} has unsaved changes in the editor.`;
  const now = await currentText(uri);
  if (proposal.original === undefined) {
    return now === undefined ? undefined : `${proposal.path} was created by someone else after the proposal was made.`;
  }
  if (now === undefined) return `${proposal.path} was deleted or cannot be read since the proposal was made.`;
  return now === proposal.original ? undefined : `${proposal.path} changed on disk since the proposal was made.`;
}

export async function applyProposal(uri: vscode.Uri, proposal: Proposal, content: string): Promise<ProposalOutcome> {
  const conflict = await findConflict(uri, proposal);
  if (conflict) return { status: 'conflict', message: conflict };
  const edit = new vscode.WorkspaceEdit();
  if (proposal.original === undefined) {
    edit.createFile(uri, { contents: encodeText(content), overwrite: false });
    if (!(await vscode.workspace.applyEdit(edit))) return { status: 'conflict', message: `${proposal.path} could not be created.` };
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    // The document keeps the file's encoding, BOM included; its text never holds the BOM.
    edit.replace(uri, whole, content.startsWith(BOM) ? content.slice(1) : content);
    if (!(await vscode.workspace.applyEdit(edit))) return { status: 'conflict', message: `${proposal.path} could not be edited.` };
    if (!(await saveToDisk(uri, document, content))) {
      return { status: 'conflict', message: `${proposal.path} was edited in the editor but could not be saved to disk; it has unsaved changes.` };
    }
  }
  return { status: 'accepted', content, userModified: content !== proposal.content };
}

/**
 * Saves the edited document and checks the disk: `save()` can answer false (seen on a first save
 * with auto save on), so it is tried again through the workspace, then the bytes are written directly.
 */
export async function saveToDisk(uri: vscode.Uri, document: vscode.TextDocument, content: string): Promise<boolean> {
  const landed = async () => (await currentText(uri)) === content;
  if ((await document.save()) && (await landed())) return true;
  if ((await vscode.workspace.save(uri)) && (await landed())) return true;
  try {
    await vscode.workspace.fs.writeFile(uri, encodeText(content));
  } catch {
    return false;
  }
  return landed();
}
