// The chat's hooks: read again for every message (a changed file applies to the next one), from
// the user's home and the workspace's file folders; a workspace's hooks run only in a trusted
// workspace whose commands run in the OS sandbox. Each problem with them is said once.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { CommandRunner } from '../../agent/commands/commandRunner';
import type { Hooks } from '../../agent/hooks/hooks';
import { setUpHooks } from '../../agent/hooks/hookSetup';
import type { Workspace } from '../../agent/workspace/workspace';

export class ChatHooks {
  private readonly said = new Set<string>();

  constructor(private readonly notice: (text: string) => void) {}

  async forMessage(commands: CommandRunner, workspace: Workspace, sessionId: string): Promise<Hooks | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    const setup = await setUpHooks({
      home: homedir(),
      folders,
      commands,
      workspace,
      sessionId,
      ...(vscode.workspace.isTrusted ? {} : { untrusted: 'this workspace is not trusted' }),
    });
    for (const problem of setup.problems) {
      if (this.said.has(problem)) continue;
      this.said.add(problem);
      this.notice(`Hooks: ${problem}`);
    }
    return setup.hooks;
  }
}
