// How fast an accepted edit lands: code-server with the production build, the mock model
// proposing five edits to a clean file one after another, each accepted from its diff's title
// bar; from the click, the card saying "Accepted", the file on disk and the card done (its
// result back), median of the five, against the goals of issue 15.
import { launchChromium } from '../test/e2e/harness/browser';
import { acceptFive, acceptReport, acceptScript } from '../test/e2e/harness/acceptTimings';
import { codeServerEntry } from '../test/e2e/harness/editorInstall.cjs';
import { openScenario } from '../test/e2e/harness/scenario';
import { sendMessage } from '../test/e2e/harness/workbench';

const GOALS = { disk: 300, done: 500 };

export async function run(): Promise<string[]> {
  if (!codeServerEntry()) return ['accept speed: skipped, the test editor is not installed (node test/e2e/setup.mjs)'];
  const browser = await launchChromium();
  try {
    const scenario = await openScenario(browser, { name: 'bench-accept-speed', script: acceptScript() });
    try {
      const chat = await scenario.openChat();
      await sendMessage(chat, 'tidy src/math.js');
      const timings = await acceptFive(scenario, chat);
      return [`code-server, five edits of src/math.js accepted from the diff's title bar, median of ${timings.length}`, ...acceptReport(timings, GOALS)];
    } finally {
      await scenario.close();
    }
  } finally {
    await browser.close();
  }
}
