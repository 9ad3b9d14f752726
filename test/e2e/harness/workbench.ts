// What a person does in the VS Code workbench, as Playwright locators and actions. Selectors
// are VS Code 1.100's (code-server 4.100.3); the Ouro ones are the UI contract's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

export const EXTENSION_ID = 'ouro-dev.ouro';
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'e2e');

export function explorerRow(page: Page, name: string): Locator {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
}

/** The activity-bar entry of Ouro's view container (its aria-label may carry a keybinding). */
export function ouroActivity(page: Page): Locator {
  return page.locator('.activitybar a.action-label[aria-label^="Ouro"]');
}

/**
 * The workbench renders before extensions contribute: wait for an explorer row and for Ouro's
 * activity-bar entry, after which the extension's menus and commands are there.
 */
export async function waitForWorkbench(page: Page, row: string): Promise<void> {
  await explorerRow(page, row).waitFor({ timeout: 60_000 });
  await ouroActivity(page).waitFor({ timeout: 60_000 });
}

/** The chat webview's document: two iframes deep, the inner one created after the outer loads. */
export function chatFrame(page: Page): FrameLocator {
  return page
    .frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`)
    .frameLocator('iframe#active-frame');
}

export async function openChat(page: Page): Promise<FrameLocator> {
  await ouroActivity(page).click();
  // Move on, as a person does: a pointer left on the icon keeps its hover over the chat.
  await page.mouse.move(700, 450);
  const chat = chatFrame(page);
  await chat.locator('textarea#prompt').waitFor({ timeout: 30_000 });
  // The input is in the page before its script runs: Enter pressed before then sends nothing.
  // The first render marks the body.
  await chat.locator('body[data-busy]').waitFor({ timeout: 30_000 });
  return chat;
}

export async function sendMessage(chat: FrameLocator, text: string): Promise<void> {
  const prompt = chat.locator('textarea#prompt');
  await prompt.click();
  await prompt.fill(text);
  await prompt.press('Enter');
}

/**
 * Keyboard focus back to the workbench itself: keys typed while the chat webview has focus stay
 * in its frame. Clicking the empty title bar changes nothing else.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.titlebar .titlebar-drag-region').click();
}

/**
 * Runs a command from the palette by its full title, e.g. "Ouro: New Chat". The palette lists the
 * commands known when it opens: just after a reload on a loaded machine an extension's may not be
 * yet, so a palette without the command is closed and opened again (for up to a minute).
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: Math.max(1_000, Math.min(10_000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await input.press('Escape');
    }
  }
  await input.press('Enter');
}

/** Opens a workspace file with Go to File, as a person types its name. */
export async function openFile(page: Page, name: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await input.press('Enter');
  await activeTab(page).and(page.locator(`[aria-label*="${name}"]`)).waitFor();
}

/**
 * Selects whole lines `from` to `to` in the active editor as a person does: Go to Line, then
 * Shift+Down. Each step waits for what the status bar shows, so no key lands before the editor
 * has focus again.
 */
export async function selectLines(page: Page, from: number, to: number): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  await input.waitFor();
  await input.fill(`:${from}`);
  await input.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.statusbar', { hasText: `Ln ${from}, Col 1` }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor();
  for (let line = from; line <= to; line++) await page.keyboard.press('Shift+ArrowDown');
  await page.locator('.statusbar', { hasText: 'selected' }).waitFor();
}

/** The text shown in the active editor (only the lines in view). */
export function activeEditorLines(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines');
}

/** Right-clicks `target` and picks the menu item with this title. */
export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  const entry = page.locator('.context-view .monaco-menu .action-label', { hasText: item }).first();
  await entry.click();
  // A click that lands while the menu is still being laid out does nothing and leaves it open
  // (seen under load): click again, as a person would.
  for (let tries = 0; tries < 3; tries++) {
    await page.waitForTimeout(500);
    if (!(await entry.isVisible())) return;
    await entry.click().catch(() => undefined);
  }
}

/** The active editor group's diff editor. */
export function diffEditor(page: Page): Locator {
  return page.locator('.editor-instance .monaco-diff-editor');
}

export function activeTab(page: Page): Locator {
  return page.locator('.tabs-container .tab.active[aria-label]');
}

/** An action in the active editor's title bar, by its title (e.g. 'Keep all changes'). */
export function editorTitleAction(page: Page, title: string): Locator {
  return page.locator('.editor-group-container.active .editor-actions').getByRole('button', { name: title });
}

/** Numbered screenshots of one scenario's key steps, in test-results/e2e/<scenario>/. */
export function screenshots(page: Page, scenario: string): (step: string) => Promise<string> {
  const dir = path.join(SCREENSHOTS, scenario);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const started = Date.now();
  return async (step) => {
    const file = path.join(dir, `${String(++n).padStart(2, '0')}-${step}.png`);
    // The time of each key step, so a slow step shows in the test output.
    console.log(`      ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${step}`);
    await page.screenshot({ path: file, animations: 'disabled' });
    return file;
  };
}

/** A tool card in the chat, optionally only once it has reached `status`. */
export function toolCard(chat: FrameLocator, tool: string, status?: 'running' | 'done' | 'failed' | 'waiting' | 'rejected' | 'stopped'): Locator {
  return chat.locator(`#messages .tool-card[data-tool="${tool}"]${status ? `[data-status="${status}"]` : ''}`);
}

/** Resolves when the chat says the agent is idle again. */
export async function waitUntilIdle(chat: FrameLocator, timeout = 30_000): Promise<void> {
  await chat.locator('body[data-busy="false"]').waitFor({ state: 'attached', timeout });
}
