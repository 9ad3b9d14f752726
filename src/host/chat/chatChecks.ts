// The project's checks a chat turn is reminded of, from the ouro.checks and ouro.checksBeforeDone
// settings (see agent/checks/checksBeforeDone).
import * as vscode from 'vscode';
import { checksForTurn, type TurnCheck } from '../../agent/checks/checksBeforeDone';
import type { Workspace } from '../../agent/workspace/workspace';
import { stringsOf } from '../settings/settings';

/** `edits`: the mode can change files (Agent, or a custom mode built on it). */
export function chatChecks(workspace: Workspace, edits: boolean): Promise<TurnCheck[]> {
  const config = vscode.workspace.getConfiguration('ouro');
  return checksForTurn(workspace, { configured: stringsOf(config.get('checks')), enabled: config.get<boolean>('checksBeforeDone', true), edits });
}
