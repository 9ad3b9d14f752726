// Watches each workspace folder's .ouro/tools/, .ouro/skills/ and .ouro/modes/, so a tool or
// skill written there (by the agent through review, by the user, by a command) is read again
// before the chat's next step, and a mode shows in the switcher at once (the switcher also asks
// again when it gets focus, for an event the watcher missed).
import * as vscode from 'vscode';

export function watchOuroFolder(onChange: (what: 'tools' | 'skills' | 'modes') => void): vscode.Disposable {
  const watchers = (['tools', 'skills', 'modes'] as const).map((what) => {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/.ouro/${what}/**`);
    const changed = () => onChange(what);
    return [watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed)];
  });
  return vscode.Disposable.from(...watchers.flat());
}
