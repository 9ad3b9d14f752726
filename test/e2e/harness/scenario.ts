// One end-to-end scenario's world: a copy of the sample workspace, the mock model server with
// its script, code-server with the built extension installed and pointed at the mock, and a
// fresh browser context on the workbench. `useScenarios()` wires it into a mocha suite.
//
// A new scenario is a test/e2e/<name>.e2e.ts file: `const scenarios = useScenarios()` in a
// describe block, then `await scenarios.open({ name, script })` in each test, the mock model's
// turns from test/fixtures/mockOpenAI (see modelScripts.ts), the UI steps from workbench.ts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startMockServer, type MockServer, type MockServerOptions, type Turn } from '../../fixtures/mockOpenAI';
import { launchChromium } from './browser';
import { startCodeServer, waitFor, type CodeServer } from './codeServer';
import { installBuiltExtension } from './installExtension';
import { copySampleWorkspace } from './sampleWorkspace';
import { openChat, screenshots, waitForWorkbench } from './workbench';

export const MODEL = 'mock-model';

export interface ScenarioOptions {
  /** The folder of its screenshots under test-results/e2e/. */
  name: string;
  script: Turn[];
  mock?: MockServerOptions;
  /** OPENAI_API_KEY as the editor sees it. Default "sk-test". */
  apiKey?: string;
  /** false: nothing points Ouro at the mock (no settings, no key), as on a first run. Default true. */
  configured?: boolean;
  /** More user settings, e.g. a colour theme. */
  settings?: Record<string, unknown>;
}

export interface Scenario {
  page: Page;
  mock: MockServer;
  server: CodeServer;
  /** The workspace folder the editor has open. */
  workspace: string;
  /** Opens the Ouro view and returns the chat webview. */
  openChat(): Promise<FrameLocator>;
  /** Saves a numbered screenshot of the whole window. */
  shot(step: string): Promise<string>;
  /** A workspace file's text on disk. */
  read(relative: string): string;
  /** Waits until a workspace file on disk passes `check`; returns its text. */
  waitForFile(relative: string, check: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** What went wrong inside the editor: page errors and Ouro's log. */
  diagnostics(): string;
  close(): Promise<void>;
}

export async function openScenario(browser: Browser, options: ScenarioOptions): Promise<Scenario> {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ouro-e2e-'));
  const cleanups: Array<() => Promise<unknown> | unknown> = [() => fs.rmSync(scratch, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const workspace = copySampleWorkspace(scratch);
    const mock = await startMockServer(options.script, options.mock);
    cleanups.push(() => mock.close());
    const extensionsDir = path.join(scratch, 'extensions');
    installBuiltExtension(extensionsDir);
    const configured = options.configured !== false;
    const server = await startCodeServer({
      extensionsDir,
      // A script ends where its turn ends: the checks' reminder (the sample has a test script) is
      // on only in a scenario about it.
      settings: { ...(configured && { 'ouro.baseUrl': mock.url, 'ouro.model': MODEL, 'ouro.checksBeforeDone': false }), ...options.settings },
      // Only the scenario's endpoint: none of the developer's own model variables.
      env: { OPENAI_API_KEY: configured ? (options.apiKey ?? 'sk-test') : undefined, OPENAI_BASE_URL: undefined, OURO_MODEL: undefined },
    });
    cleanups.push(() => server.stop());
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    cleanups.push(() => context.close());
    // Generous for a loaded 2-core machine: each step normally takes a second or two.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.folderUrl(workspace));
    await waitForWorkbench(page, 'README.md');
    console.log(`      editor ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const read = (relative: string) => fs.readFileSync(path.join(workspace, relative), 'utf8');
    return {
      page,
      mock,
      server,
      workspace,
      openChat: () => openChat(page),
      shot: screenshots(page, options.name),
      read,
      waitForFile: (relative, check, timeoutMs = 15_000) =>
        waitFor(timeoutMs, `${relative} to change on disk`, () => {
          const text = read(relative);
          return check(text) ? text : undefined;
        }),
      diagnostics: () => [...pageErrors.map((e) => `page error: ${e}`), ouroLog(server.userDataDir)].join('\n'),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The "Ouro" output channel as the editor wrote it to its logs folder. */
function ouroLog(userDataDir: string): string {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return '';
  const files = (fs.readdirSync(logs, { recursive: true }) as string[]).filter((file) => /Ouro\.log$/.test(file));
  return files.map((file) => `--- ${file}\n${fs.readFileSync(path.join(logs, file), 'utf8').slice(-4000)}`).join('\n');
}

/**
 * Adds the hooks a suite of scenarios needs (one browser for the suite, each scenario closed
 * after its test, a screenshot and the editor's diagnostics when a test fails) and returns
 * `open`, which starts a scenario.
 */
export function useScenarios(): { open(options: ScenarioOptions): Promise<Scenario> } {
  let browser: Browser | undefined;
  let current: Scenario | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  afterEach(async function () {
    if (current && this.currentTest?.state === 'failed') {
      const file = await current.shot('failure').catch(() => '(no screenshot)');
      console.log(`    screenshot: ${file}\n${current.diagnostics()}`);
    }
    await current?.close();
    current = undefined;
  });
  after(async () => {
    await browser?.close();
  });
  return {
    async open(options) {
      if (!browser) throw new Error('the browser did not start');
      current = await openScenario(browser, options);
      return current;
    },
  };
}
