// Runs the extension-host suite (dist/test/vscode/index.js) inside code-server. Its CLI refuses
// --extensionTestsPath, but the web workbench reads extensionDevelopmentPath and
// extensionTestsPath from the page URL's `payload`, runs the module's run() like
// @vscode/test-electron does, and reports through window.codeAutomationLog / codeAutomationExit.
//
// Usage: node --import tsx test/vscode/runInCodeServer.ts   (build first: test/vscode/build.mjs)
// Prints the suite's output and a last line `N passed, N failed`; exits 1 when a test failed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from '../e2e/harness/browser';
import { startCodeServer } from '../e2e/harness/codeServer';
import { copySampleWorkspace } from '../e2e/harness/sampleWorkspace';
import type { SuiteResults } from './index';

const root = path.resolve(__dirname, '..', '..');
const SUITE_TIMEOUT_MS = 18 * 60_000;
const FAKE_LANGUAGE_MODEL = path.join(root, 'test', 'fixtures', 'fake-language-model');

/**
 * What the workbench itself logs on every start (connections, timings, the extension gallery it
 * cannot reach offline): left out so the suite's own output stands out.
 */
const WORKBENCH_CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Creation of workbench contribution/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/,
];

export interface SuiteRun extends SuiteResults {
  exitCode: number;
}

/** Both halves of the suite: with Ouro loaded, then the standalone files without it. */
export async function runSuiteInCodeServer(log: (line: string) => void = console.log): Promise<SuiteRun> {
  const withOuro = await runOnce(root, false, log);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ouro-standalone-'));
  try {
    const standalone = await runOnce(writeStandInExtension(scratch), true, log);
    return {
      exitCode: withOuro.exitCode || standalone.exitCode,
      passed: withOuro.passed + standalone.passed,
      failed: withOuro.failed + standalone.failed,
      pending: withOuro.pending + standalone.pending,
      failures: [...withOuro.failures, ...standalone.failures],
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Test mode needs an extension under development; for the standalone files, one that does nothing. */
export function writeStandInExtension(parent: string): string {
  const dir = path.join(parent, 'stand-in');
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'ouro-standalone-tests', publisher: 'ouro-dev-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function runOnce(developmentPath: string, standalone: boolean, log: (line: string) => void): Promise<SuiteRun> {
  const testsModule = path.join(root, 'dist', 'test', 'vscode', 'index.js');
  if (!fs.existsSync(testsModule)) throw new Error(`${testsModule} is missing: run node test/vscode/build.mjs first`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ouro-vscode-tests-'));
  const resultsFile = path.join(scratch, 'results.json');
  const workspace = copySampleWorkspace(scratch);
  // Installed beside Ouro: a test extension offering a scripted chat model through the
  // `chatProvider` API proposal (code-server allows proposed API to every extension).
  const extensionsDir = path.join(scratch, 'extensions');
  if (!standalone) fs.cpSync(FAKE_LANGUAGE_MODEL, path.join(extensionsDir, 'ouro-dev-tests.fake-language-model-0.0.0'), { recursive: true });
  const server = await startCodeServer({
    extensionsDir,
    // The suite sets what it needs itself; none of the developer's model variables may leak in.
    env: {
      OURO_TEST_RESULTS: resultsFile,
      OURO_TEST_STANDALONE: standalone ? '1' : undefined,
      OPENAI_BASE_URL: undefined,
      OPENAI_API_KEY: undefined,
      OURO_MODEL: undefined,
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let finish!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...args);
      if (!WORKBENCH_CHATTER.some((pattern) => pattern.test(line))) log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const remote = (p: string) => `vscode-remote://${server.authority}${p}`;
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', remote(developmentPath)],
      ['extensionTestsPath', remote(testsModule)],
    ];
    // The suite's own limit bounds the wait; the page load alone can take over 30 s on a busy machine.
    await page.goto(server.folderUrl(workspace, payload), { timeout: SUITE_TIMEOUT_MS });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), SUITE_TIMEOUT_MS)));
    const exitCode = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (exitCode === -1) {
      await page.screenshot({ path: path.join(root, 'test-results', 'vscode', 'timeout.png') }).catch(() => undefined);
      throw new Error(`the extension-host suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
    }
    if (!fs.existsSync(resultsFile)) {
      // run() never got to write its counts: the extension or the suite failed to load.
      return { exitCode: exitCode || 1, passed: 0, failed: 1, pending: 0, failures: [{ title: 'loading the suite', error: server.output().slice(-4000) }] };
    }
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
    return { ...results, exitCode };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runSuiteInCodeServer().then(
    (result) => {
      console.log(`${result.passed} passed, ${result.failed} failed`);
      process.exit(result.exitCode === 0 && result.failed === 0 ? 0 : 1);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}
