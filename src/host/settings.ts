// The `ouro.*` settings, read fresh each time (users change them while the chat is open).
import * as vscode from 'vscode';

export interface OuroSettings {
  baseUrl: string;
  model: string;
  maxSteps: number;
  autoApproveEdits: boolean;
  autoApproveReads: boolean;
  allowSecretFiles: boolean;
}

export function readSettings(): OuroSettings {
  const config = vscode.workspace.getConfiguration('ouro');
  return {
    baseUrl: config.get<string>('baseUrl', ''),
    model: config.get<string>('model', ''),
    maxSteps: Math.max(1, Math.floor(config.get<number>('maxSteps', 50))),
    autoApproveEdits: config.get<boolean>('autoApprove.edits', false),
    autoApproveReads: config.get<boolean>('autoApprove.reads', true),
    allowSecretFiles: config.get<boolean>('allowSecretFiles', false),
  };
}

/** The setup card saves to the user's settings, so the model follows them to every workspace. */
export async function saveEndpointSettings(baseUrl: string, model: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('ouro');
  await config.update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
  await config.update('model', model, vscode.ConfigurationTarget.Global);
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('ouro')) listener();
  });
}
