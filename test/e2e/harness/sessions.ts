// What the worktree-session scenarios share: the sample workspace made a git repository, the
// Sessions view, and starting a session from the command palette.
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from 'playwright-core';
import type { Scenario } from './scenario';
import { runCommand } from './workbench';

export function sessionsPane(page: Page) {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Sessions' }) });
}

/** The sample workspace as a repository with one commit (the test editor's Git extension is off; git itself is not). */
export function commitWorkspace(scenario: Scenario): (...args: string[]) => string {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: scenario.workspace, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'start');
  return git;
}

/** A session started from the palette with `prompt`: in a worktree, or with "Ouro: New Session Here". */
export async function startSession(page: Page, prompt: string, command = 'Ouro: New Session in a Worktree'): Promise<void> {
  await runCommand(page, command);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(prompt);
  await input.press('Enter');
}

/** In a fresh repository made of the sample workspace: a session run with `prompt` until the Sessions view shows it done; its row. */
export async function finishedSession(scenario: Scenario, prompt: string): Promise<Locator> {
  commitWorkspace(scenario);
  await scenario.openChat();
  await startSession(scenario.page, prompt);
  const row = sessionsPane(scenario.page).locator('.monaco-list-row', { hasText: prompt });
  await row.filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
  return row;
}
