// Restoring files (undo, revert) in the editor: through WorkspaceEdits, so each restore is undoable
// with VS Code's own Undo, and an open document follows. A file that is not text is written as
// bytes (no edit can hold it). A file with unsaved changes in the editor is left alone.
import * as vscode from 'vscode';
import type { FileWriter } from '../../agent/history/restoreFiles';
import { decodeText, withBom } from '../../agent/workspace/text';
import { currentText, replaceText, saveToDisk } from './applyProposal';

export function editorFileWriter(uriOf: (path: string) => Promise<vscode.Uri>): FileWriter {
  return {
    async write(path, bytes) {
      const uri = await uriOf(path);
      const decoded = decodeText(bytes);
      if (decoded.kind !== 'text' || decoded.lossy) return vscode.workspace.fs.writeFile(uri, bytes);
      const content = withBom(decoded.text, decoded.bom);
      const edit = new vscode.WorkspaceEdit();
      if ((await currentText(uri)) === undefined && !(await exists(uri))) {
        edit.createFile(uri, { contents: bytes, overwrite: false });
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`${path} could not be created.`);
        return;
      }
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.isDirty) throw new Error(`${path} has unsaved changes in the editor: save or revert them first.`);
      if (!(await replaceText(document, content))) throw new Error(`${path} could not be edited.`);
      if (!(await saveToDisk(uri, document, content))) throw new Error(`${path} was restored in the editor but could not be saved.`);
    },
    async delete(path) {
      const uri = await uriOf(path);
      const edit = new vscode.WorkspaceEdit();
      edit.deleteFile(uri, { ignoreIfNotExists: true });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`${path} could not be deleted.`);
    },
  };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
