// The module VS Code's extension host loads in test mode (`extensionTestsPath`), under
// @vscode/test-electron and under code-server alike: it runs every bundled *.test.js beside it
// with mocha and rejects when a test fails, which makes the editor exit non-zero.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Counts for the driver, written to $OURO_TEST_RESULTS when it is set. */
export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: Array<{ title: string; error: string }>;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.OURO_TEST_GREP;
  if (grep) mocha.grep(grep);
  // `.standalone.test.js` files need an editor without Ouro loaded; the driver runs them apart.
  const standalone = process.env.OURO_TEST_STANDALONE === '1';
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js') && name.endsWith('.standalone.test.js') === standalone);
  for (const file of files.sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => results.passed++);
    runner.on('pending', () => results.pending++);
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: String(error?.stack ?? error) });
    });
  });
  if (process.env.OURO_TEST_RESULTS) fs.writeFileSync(process.env.OURO_TEST_RESULTS, JSON.stringify(results, null, 2));
  console.log(`extension host: ${results.passed} passed, ${results.failed} failed`);
  if (results.failed > 0) throw new Error(`${results.failed} extension-host test(s) failed`);
}
