// The chat's context meter as a test reads it: its label, its total and the parts in its panel.
import type { FrameLocator } from 'playwright-core';

/** The meter's "used" tokens and the parts listed in its panel. */
export async function readMeter(chat: FrameLocator): Promise<{ label: string; total: number; parts: Record<string, number> }> {
  const label = await chat.locator('#context-meter .context-label').innerText();
  const totalText = await chat.locator('#context-breakdown .context-total').innerText();
  const parts: Record<string, number> = {};
  for (const row of await chat.locator('#context-breakdown tr').all()) {
    parts[await row.locator('th').innerText()] = Number((await row.locator('td').innerText()).replace(/,/g, ''));
  }
  const total = Number(/([\d,]+) of/.exec(totalText)?.[1].replace(/,/g, ''));
  return { label, total, parts };
}

export async function openMeter(chat: FrameLocator): Promise<void> {
  const panel = chat.locator('#context-breakdown');
  if (!(await panel.isVisible())) await chat.locator('#context-meter').click();
  await panel.waitFor({ state: 'visible' });
}
