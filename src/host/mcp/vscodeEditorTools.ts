// `vscode.lm.tools` and `vscode.lm.invokeTool` behind the EditorTools port. A result's text
// parts are what the model reads; other parts are named.
import * as vscode from 'vscode';
import type { EditorTools } from './editorToolOffer';

export const vscodeEditorTools: EditorTools = {
  list: () => vscode.lm?.tools ?? [],
  async invoke(name, input, signal) {
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = () => cancel.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, cancel.token);
      return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : `[${(part as object).constructor?.name ?? 'non-text'} part]`)).join('\n');
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
  },
};
