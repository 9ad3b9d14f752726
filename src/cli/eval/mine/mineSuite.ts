// Mining: each candidate commit (code and tests changed together) is tried in two checkouts, its
// parent with its test changes and the commit itself, and becomes a task only when the narrowed
// test command fails on the first and passes on the second, twice each (a disagreement is a flaky
// test, turned down). Tasks go to .ouro/evals in the repository, the index beside them.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findProjectChecks } from '../../../agent/checks/projectChecks';
import { NodeWorkspace } from '../../../agent/workspace/nodeWorkspace';
import { TASK_FILE } from '../evalSuite';
import { git } from '../gitRun';
import { checkOutGitSource } from '../gitWorkspace';
import { runCheck, type CheckOutcome } from '../taskCheck';
import { candidateCommits, type CandidateCommit } from './history';
import { alreadySeen, readMineIndex, writeMineIndex } from './mineIndex';
import { suiteReadme } from './suiteReadme';
import { cleanMessage, taskPrompt } from './taskPrompt';
import { narrowTestCommand } from './testCommand';
import { runnableTests } from './testFiles';

export const MINED_SUITE = join('.ouro', 'evals');
export const TEST_PATCH = 'tests.patch';
const MINED_MAX_STEPS = 40;

export interface MineOptions {
  project: string;
  since?: string;
  /** At most this many new tasks. */
  max: number;
  /** The test command, instead of the project's own. */
  check?: string;
  checkTimeoutMs: number;
  signal?: AbortSignal;
  /** Told about each commit as it is decided. */
  onCommit?: (commit: CandidateCommit, verdict: Verdict) => void;
}

export type Verdict = { kept: true; task: string } | { kept: false; reason: string };

export interface MineOutcome {
  suite: string;
  /** The test command before narrowing, and where it came from. */
  command: string;
  added: string[];
  rejected: number;
}

export async function mineSuite(options: MineOptions): Promise<MineOutcome> {
  const repo = (await git(options.project, ['rev-parse', '--show-toplevel'], options.signal).catch(() => '')).trim();
  if (!repo) throw new Error(`${options.project} is not in a git repository`);
  const command = await testCommand(repo, options.check);
  const suite = join(repo, MINED_SUITE);
  await mkdir(suite, { recursive: true });
  const index = await readMineIndex(suite);
  const packageJson = await readFile(join(repo, 'package.json'), 'utf8').catch(() => undefined);
  const candidates = (await candidateCommits(repo, options.since, options.signal)).filter((commit) => !alreadySeen(index, commit.id));
  const added: string[] = [];
  let rejected = 0;
  for (const commit of candidates) {
    if (added.length >= options.max || options.signal?.aborted) break;
    const check = narrowTestCommand(command, runnableTests(commit.tests), packageJson);
    const verdict = await tryCommit(repo, commit, check, options);
    if (options.signal?.aborted) break;
    if (verdict.kept) {
      await writeTask(suite, repo, commit, check, verdict.task, options.checkTimeoutMs);
      index.mined[commit.id] = { task: verdict.task, subject: commit.message.split('\n')[0] };
      added.push(verdict.task);
    } else {
      index.rejected[commit.id] = verdict.reason;
      rejected++;
    }
    options.onCommit?.(commit, verdict);
    // Saved after every commit: mining stopped half-way keeps what it decided.
    await writeMineIndex(suite, index);
  }
  await writeMineIndex(suite, index);
  await writeFile(join(suite, 'README.md'), suiteReadme(index));
  return { suite, command, added, rejected };
}

/** The project's test command: `--check`, else what findProjectChecks finds (a test runner first). */
async function testCommand(repo: string, given: string | undefined): Promise<string> {
  const found = await findProjectChecks(new NodeWorkspace(repo), given ? [given] : []);
  const commands = found.checks.map((check) => check.command);
  const command = commands.find((candidate) => /\btest\b|\bt$|mocha|jest|vitest|pytest|unittest|rspec|phpunit/.test(candidate)) ?? commands[0];
  if (!command) throw new Error('the project has no test command: pass --check CMD, name it in AGENTS.md, or give package.json a test script');
  return command;
}

async function tryCommit(repo: string, commit: CandidateCommit, check: string, options: MineOptions): Promise<Verdict> {
  const temp = await mkdtemp(join(tmpdir(), 'ouro-mine-'));
  try {
    const patch = join(temp, TEST_PATCH);
    await writeFile(patch, await testPatch(repo, commit, options.signal));
    const before = join(temp, 'before');
    const after = join(temp, 'after');
    await checkOutGitSource({ repo, commit: commit.parent, patch }, before, options.signal);
    await checkOutGitSource({ repo, commit: commit.id }, after, options.signal);
    await mkdir(join(temp, 'home'));
    const run = (workspace: string) => runCheck(check, { workspace, display: commit.id.slice(0, 12), env: { HOME: join(temp, 'home') }, timeoutMs: options.checkTimeoutMs, signal: options.signal });
    const runs: Array<[CheckOutcome, CheckOutcome]> = [];
    for (const workspace of [before, after]) runs.push([await run(workspace), await run(workspace)]);
    const [[before1, before2], [after1, after2]] = runs;
    const passes = (outcome: CheckOutcome) => outcome.exitCode === 0;
    if (passes(before1) !== passes(before2) || passes(after1) !== passes(after2)) return { kept: false, reason: 'flaky: the same check passed once and failed once' };
    if (before1.exitCode === null || after1.exitCode === null) return { kept: false, reason: 'the check did not finish (a timeout or a signal)' };
    if (passes(before1)) return { kept: false, reason: 'its tests already pass before the change' };
    if (!passes(after1)) return { kept: false, reason: `its tests fail with the change too: ${lastLine(after1.output)}` };
    return { kept: true, task: taskName(commit) };
  } catch (err) {
    return { kept: false, reason: `it could not be checked out: ${(err as Error).message}` };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The commit's changes to its test files, as a patch `git apply` takes. */
function testPatch(repo: string, commit: CandidateCommit, signal?: AbortSignal): Promise<string> {
  return git(repo, ['diff', '--binary', '--no-color', '--no-ext-diff', commit.parent, commit.id, '--', ...commit.tests.map((file) => `:(literal)${file}`)], signal);
}

async function writeTask(suite: string, repo: string, commit: CandidateCommit, check: string, name: string, checkTimeoutMs: number): Promise<void> {
  const dir = join(suite, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, TEST_PATCH), await testPatch(repo, commit));
  const task = {
    prompt: taskPrompt(commit.message),
    check,
    max_steps: MINED_MAX_STEPS,
    check_timeout_s: checkTimeoutMs / 1000,
    about: `commit ${commit.id.slice(0, 12)}: ${commit.message.split('\n')[0]}`,
    git: { repo: relative(dir, repo) || '.', commit: commit.parent, patch: TEST_PATCH },
  };
  await writeFile(join(dir, TASK_FILE), `${JSON.stringify(task, null, 2)}\n`);
}

/** A folder name from the subject and the short commit id: "fix-the-sum-a1b2c3d". */
export function taskName(commit: Pick<CandidateCommit, 'id' | 'message'>): string {
  const words = cleanMessage(commit.message.split('\n')[0]).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  // At most 40 characters, cut between words.
  const slug = (words.length <= 40 || words[40] === '-' ? words.slice(0, 40) : words.slice(0, 40).replace(/-[^-]*$/, '')) || 'commit';
  return `${slug}-${commit.id.slice(0, 7)}`;
}

function lastLine(output: string): string {
  return output.trim().split('\n').filter(Boolean).at(-1)?.slice(0, 200) ?? '(no output)';
}
