// Writes an accepted proposal as a WorkspaceEdit, so it is undoable like any edit: a new file is
// created, an existing one has the lines that differ replaced and is saved. Nothing is written when the
// file changed since the tool read it: the outcome asks the agent to read it again.
import * as vscode from 'vscode';
import { BOM, decodeText, encodeText, withBom } from '../../agent/workspace/text';
import type { Proposal, ProposalOutcome } from '../../agent/workspace/workspace';
import { changedStretch } from './changedStretch';

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

/**
 * `ready`: what must be done before the document is opened (the review closing: a document opened
 * while a closing diff still shows it is closed with it); the conflict check does not wait for it.
 */
export async function applyProposal(uri: vscode.Uri, proposal: Proposal, content: string, ready?: Promise<unknown>): Promise<ProposalOutcome> {
  const opening = proposal.original === undefined ? undefined : Promise.resolve(ready).then(() => vscode.workspace.openTextDocument(uri)).catch(() => undefined);
  const [conflict] = await Promise.all([findConflict(uri, proposal), ready]);
  if (conflict) return { status: 'conflict', message: conflict };
  const edit = new vscode.WorkspaceEdit();
  if (proposal.original === undefined) {
    edit.createFile(uri, { contents: encodeText(content), overwrite: false });
    if (!(await vscode.workspace.applyEdit(edit))) return { status: 'conflict', message: `${proposal.path} could not be created.` };
  } else {
    const document = await opening;
    if (!document) return { status: 'conflict', message: `${proposal.path} could not be opened.` };
    if (!(await replaceText(document, content))) return { status: 'conflict', message: `${proposal.path} could not be edited.` };
    if (!(await saveToDisk(uri, document, content))) {
      return { status: 'conflict', message: `${proposal.path} was edited in the editor but could not be saved to disk; it has unsaved changes.` };
    }
  }
  return { status: 'accepted', content, userModified: content !== proposal.content };
}

/** Makes the document read `content` by replacing only the lines that differ. */
export async function replaceText(document: vscode.TextDocument, content: string): Promise<boolean> {
  // The document keeps the file's encoding, BOM included; its text never holds the BOM.
  const stretch = changedStretch(document.getText(), content.startsWith(BOM) ? content.slice(1) : content);
  if (!stretch) return true;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(stretch.start), document.positionAt(stretch.end)), stretch.text);
  return vscode.workspace.applyEdit(edit);
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
