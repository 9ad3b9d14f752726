// Where the editor's MCP configuration is: the user's mcp.json sits in VS Code's User folder,
// next to settings.json (two folders above the extension's global storage, whichever product
// and data folder runs it); the workspace's files in the first folder on disk.
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { userMcpFile } from '../../agent/mcp/mcpFiles';

export function editorUserMcpFile(globalStorage: vscode.Uri): string {
  if (globalStorage.scheme !== 'file') return userMcpFile(homedir(), process.platform, process.env);
  return path.join(globalStorage.fsPath, '..', '..', 'mcp.json');
}

export function firstFileFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath;
}
