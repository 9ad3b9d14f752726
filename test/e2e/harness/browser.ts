// Debian's Chromium driven by playwright-core (which downloads no browser of its own).
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './editorInstall.cjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A headless Chromium with a fresh temporary profile; close it with `browser.close()`. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: run `node test/e2e/setup`, or set OURO_CHROMIUM to a Chromium binary.');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
