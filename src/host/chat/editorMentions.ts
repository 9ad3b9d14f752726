// What @problems, @changes, @terminal and the symbols in the @ picker read from the editor: its
// diagnostics, the built-in Git extension's diff of the working tree, the active terminal, and
// the language servers' workspace symbols. The text the model reads is made in src/agent/mentions.
import * as vscode from 'vscode';
import { changesMention } from '../../agent/mentions/changesMention';
import { problemsMention } from '../../agent/mentions/problemsMention';
import { terminalMention } from '../../agent/mentions/terminalMention';
import { isSecret } from '../../agent/workspace/ignoreRules';
import { WorkspaceError } from '../../agent/workspace/workspace';
import type { MentionCandidateView } from '../../protocol/messages';
import { VsCodeDiagnostics } from '../review/vscodeDiagnostics';
import type { LastTerminalCommands } from '../terminal/lastTerminalCommands';
import type { VsCodeWorkspace } from '../workspace/vscodeWorkspace';

/** The part of the Git extension's API (its git.d.ts, version 1) that @changes uses. */
interface GitExtension {
  /** False when the setting git.enabled is off: getAPI throws then. */
  enabled: boolean;
  getAPI(version: 1): GitApi;
}
interface GitApi {
  state: 'uninitialized' | 'initialized';
  onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  repositories: GitRepository[];
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
}
interface GitRepository {
  rootUri: vscode.Uri;
  diff(cached?: boolean): Promise<string>;
}

const MAX_SYMBOLS = 30;
/** How long @changes waits for the Git extension to find the repositories. */
const GIT_WAIT_MS = 5000;

export async function problemsText(workspace: VsCodeWorkspace): Promise<string> {
  return problemsMention(await new VsCodeDiagnostics(workspace).get());
}

/** The staged and unstaged changes of every repository in the workspace, ignored files left out. */
export async function changesText(workspace: VsCodeWorkspace): Promise<{ content: string; truncated: boolean }> {
  const git = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!git) throw new WorkspaceError('@changes reads the diff through the built-in Git extension, which is not installed or is turned off.');
  const extension = git.isActive ? git.exports : await git.activate();
  if (!extension.enabled) throw new WorkspaceError('@changes reads the diff through the built-in Git extension, which is turned off (the setting git.enabled).');
  const api = extension.getAPI(1);
  if (api.state !== 'initialized') await new Promise<void>((resolve) => {
    const done = api.onDidChangeState(() => (done.dispose(), resolve()));
    setTimeout(() => (done.dispose(), resolve()), GIT_WAIT_MS);
  });
  const folders = vscode.workspace.workspaceFolders ?? [];
  const inWorkspace = (repository: GitRepository) => workspace.displayPathOf(repository.rootUri) !== undefined || folders.some((folder) => folder.uri.path.startsWith(`${repository.rootUri.path.replace(/\/$/, '')}/`));
  let repositories = api.repositories.filter(inWorkspace);
  // A repository made since the Git extension looked (git init in a terminal) is opened by asking.
  if (repositories.length === 0) repositories = (await Promise.all(folders.map((folder) => api.openRepository(folder.uri).catch(() => null)))).filter((repository): repository is GitRepository => repository !== null);
  if (repositories.length === 0) throw new WorkspaceError('@changes found no Git repository in this workspace (or Git is not installed).');
  const parts: Array<{ repository: GitRepository; diff: string }> = [];
  for (const repository of repositories) parts.push({ repository, diff: (await repository.diff(true)) + (await repository.diff(false)) });
  // Each file is judged as the tools judge it: inside the workspace, not ignored, not a secret.
  const visibility = new Map<string, GitRepository>();
  const diff = parts.map((part) => part.diff).join('');
  for (const part of parts) for (const line of part.diff.matchAll(/^diff --git .* "?b\/(.*?)"?$/gm)) visibility.set(line[1], part.repository);
  return changesMention(diff, async (path) => {
    const repository = visibility.get(path);
    const shown = repository && workspace.displayPathOf(vscode.Uri.joinPath(repository.rootUri, path));
    // A secret file (an environment file, a key) is left out even where reading it is allowed.
    if (shown === undefined || isSecret(path)) return false;
    return workspace.resolve(shown).then(
      () => true,
      () => false,
    );
  });
}

export async function terminalText(commands: LastTerminalCommands): Promise<string> {
  const terminal = vscode.window.activeTerminal;
  if (!terminal) throw new WorkspaceError('@terminal reads the active terminal, and no terminal is open.');
  const last = commands.lastCommand(terminal);
  if (last) return terminalMention(terminal.name, last);
  // Nothing seen (no shell integration, or the command ran before Ouro started): the terminal's
  // selection, through the clipboard, which is put back; else a reason that says what to do.
  const missed = terminal.shellIntegration
    ? `Ouro sees the commands that run after it started, and "${terminal.name}" has run none since: run the command again, or select its output in the terminal and mention it again.`
    : `"${terminal.name}" has no shell integration to see its last command; select the output in the terminal and mention it again.`;
  const selection = await terminalSelection().catch(() => '');
  if (!selection.trim()) throw new WorkspaceError(`@terminal: ${missed}`);
  return terminalMention(terminal.name, { kind: 'selection', text: selection });
}

/** The active terminal's selection, through the clipboard, which is put back (a browser may refuse the clipboard: then it throws). */
async function terminalSelection(): Promise<string> {
  const clipboard = await vscode.env.clipboard.readText();
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  const selection = await vscode.env.clipboard.readText();
  await vscode.env.clipboard.writeText(clipboard);
  return selection;
}

/** The language servers' symbols matching `query`, each as its definition's lines in a workspace file. */
export async function symbolCandidates(workspace: VsCodeWorkspace, query: string): Promise<MentionCandidateView[]> {
  if (query.trim().length < 2) return [];
  const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', query)) ?? [];
  const candidates: MentionCandidateView[] = [];
  for (const symbol of found) {
    const shown = workspace.displayPathOf(symbol.location.uri);
    if (shown === undefined) continue;
    const { start, end } = symbol.location.range;
    const lines = start.line === end.line ? `${start.line + 1}` : `${start.line + 1}-${end.line + 1}`;
    candidates.push({ path: `${shown}:${lines}`, kind: 'symbol', name: symbol.name });
    if (candidates.length === MAX_SYMBOLS) break;
  }
  return candidates;
}
