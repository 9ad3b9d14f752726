// A file whose proposal was reviewed in a diff must not be left open in a tab of its own after
// the write when the person did not have it open before. The workbench sometimes opens one as
// the diff closes around the write (its left side is that file), at a moment that depends on
// timing; such a tab is closed when the write is done, and for a short while after.
import * as vscode from 'vscode';

/** How long after the write a tab that opens for the file is still taken as a stray one. */
const LATE_MS = 1000;

function plainTabs(uri: vscode.Uri, tabs: readonly vscode.Tab[]): vscode.Tab[] {
  return tabs.filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString() && !tab.isDirty);
}

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

/** Whether `uri` is open in a tab of its own now. */
export function openOnItsOwn(uri: vscode.Uri): boolean {
  return allTabs().some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}

/** Closes `uri`'s own tabs now, and those that open within a moment; unsaved ones are left. */
export async function closeStrayTabs(uri: vscode.Uri): Promise<void> {
  const close = async (tabs: vscode.Tab[]) => {
    if (tabs.length) await Promise.resolve(vscode.window.tabGroups.close(tabs, true)).catch(() => undefined);
  };
  const late = vscode.window.tabGroups.onDidChangeTabs((event) => void close(plainTabs(uri, event.opened)));
  setTimeout(() => late.dispose(), LATE_MS);
  await close(plainTabs(uri, allTabs()));
}
