// `ouro improve`: the self-improvement loop. Run the suite; hand the failures to the agent,
// working on a copy of the project's .ouro folder (rules, tools, skills — never Ouro's own
// source); run the suite again with its change; keep the change only when more tasks pass
// without a large token increase. What was kept is left as a diff for the user to review.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENDPOINT_OPTIONS } from '../args';
import { describeRun, endpointFrom } from './evalCommand';
import { totals } from './evalReport';
import { runAgentProcess, type Endpoint, type EvalRun } from './evalRun';
import { loadSuite, type EvalTask } from './evalSuite';
import { diffFolders } from './folderDiff';
import { copyOuro } from './ouroRecords';
import { runTasks } from './runTasks';

export const IMPROVE_USAGE = `Usage: ouro improve --suite DIR [options]

Runs the suite, lets the agent change the project's .ouro folder (rules, tools, skills) to fix
what failed, and keeps a change only when the suite then passes more tasks without costing
much more. Prints each round and the kept changes as a diff; the project is not changed.

Options:
  --suite DIR            the eval suite
  --project DIR          the project whose .ouro folder is improved (default: the current folder)
  --rounds N             rounds of improvement (default 3)
  --base-url URL, --api-key KEY, --model NAME   the endpoint, as for a normal run
  --jobs N               run N tasks at a time (default 1)
  --max-token-increase F keep a change only if tokens per run grow by at most this share (default 0.25)
  --diff FILE            write the kept changes there instead of printing them
  -h, --help             show this help`;

export const IMPROVE_PROMPT = [
  'Some eval tasks failed. failures/ holds one report per failed task: its prompt, what the agent did, and what the check said.',
  'Help an agent pass tasks like these by changing only .ouro/: short, general rules in .ouro/rules/*.md, tools in .ouro/tools/NAME/ (tool.json and a script), skills in .ouro/skills/NAME/SKILL.md.',
  'Do not solve the tasks themselves, and keep the change small: every rule is paid for on every request.',
].join(' ');

interface Output {
  write(text: string): void;
}

interface ImproveOptions {
  suite: string;
  project: string;
  rounds: number;
  endpoint: Endpoint;
  jobs: number;
  maxTokenIncrease: number;
  diff?: string;
}

export function parseImproveArgs(argv: string[], env: Record<string, string | undefined>, cwd: string): ImproveOptions | 'help' | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        suite: { type: 'string' },
        project: { type: 'string' },
        rounds: { type: 'string' },
        ...ENDPOINT_OPTIONS,
        jobs: { type: 'string' },
        'max-token-increase': { type: 'string' },
        diff: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return (err as Error).message;
  }
  const { values } = parsed;
  if (values.help) return 'help';
  if (!values.suite) return 'no suite given: pass --suite DIR';
  const endpoint = endpointFrom(values, env);
  if (typeof endpoint === 'string') return endpoint;
  const rounds = Number(values.rounds ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) return `--rounds must be a whole number from 1 to 50, not "${values.rounds}"`;
  const jobs = Number(values.jobs ?? 1);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) return `--jobs must be a whole number from 1 to 32, not "${values.jobs}"`;
  const maxTokenIncrease = Number(values['max-token-increase'] ?? 0.25);
  if (!(maxTokenIncrease >= 0)) return `--max-token-increase must be a share like 0.25, not "${values['max-token-increase']}"`;
  return { suite: values.suite, project: values.project ?? cwd, rounds, endpoint, jobs, maxTokenIncrease, diff: values.diff };
}

interface Standing {
  /** The .ouro folder this score was reached with (undefined: none). */
  ouro: string | undefined;
  runs: EvalRun[];
}

/** Exit 0 when the loop ran (whatever it kept), 2 for a bad command line or suite. */
export async function improveMain(argv: string[], io: { stdout: Output; stderr: Output; cli?: readonly string[]; signal?: AbortSignal }): Promise<number> {
  const options = parseImproveArgs(argv, process.env, process.cwd());
  if (options === 'help') return (io.stdout.write(`${IMPROVE_USAGE}\n`), 0);
  if (typeof options === 'string') return (io.stderr.write(`ouro improve: ${options}\n${IMPROVE_USAGE}\n`), 2);
  const suite = await loadSuite(resolve(options.suite)).catch((err: Error) => err);
  if (suite instanceof Error || suite.tasks.length === 0) {
    io.stderr.write(`ouro improve: no runnable task in ${options.suite}${suite instanceof Error ? `: ${suite.message}` : ''}\n`);
    return 2;
  }
  for (const problem of suite.problems) io.stderr.write(`ouro improve: ${problem}\n`);

  const original = join(resolve(options.project), '.ouro');
  const scratch = await mkdtemp(join(tmpdir(), 'ouro-improve-'));
  try {
    // An empty home for the improving agent: the user's own skills stay out of it.
    await mkdir(join(scratch, 'home'));
    const evaluate = (ouro: string | undefined) =>
      runTasks(suite.tasks, { endpoint: options.endpoint, jobs: options.jobs, ouro, transcript: true, cli: io.cli, signal: io.signal, onRun: (run, done, total) => io.stderr.write(`  [${done}/${total}] ${describeRun(run)}\n`) });
    io.stderr.write('round 0: the suite as it is\n');
    let best: Standing = { ouro: existsSync(original) ? original : undefined, runs: [] };
    best.runs = await evaluate(best.ouro);
    io.stdout.write(`round 0: ${score(best.runs)}\n`);

    for (let round = 1; round <= options.rounds && !io.signal?.aborted; round++) {
      const failed = best.runs.filter((run) => !run.passed);
      if (failed.length === 0) {
        io.stdout.write(`round ${round}: every task passes; nothing to improve\n`);
        break;
      }
      io.stderr.write(`round ${round}: the agent works on .ouro with ${failed.length} failure reports\n`);
      const workspace = join(scratch, `improve-${round}`);
      await prepareWorkspace(workspace, best.ouro, failed, suite.tasks);
      await runAgentProcess({ prompt: IMPROVE_PROMPT, approve: 'all', maxSteps: 30 }, { workspace, home: join(scratch, 'home'), endpoint: options.endpoint, cli: io.cli, signal: io.signal ?? new AbortController().signal });
      const candidate = join(workspace, '.ouro');
      const change = await diffFolders(best.ouro, candidate);
      if (change.changes.length === 0) {
        io.stdout.write(`round ${round}: no change proposed\n`);
        continue;
      }
      const runs = await evaluate(candidate);
      const keep = isBetter(runs, best.runs, options.maxTokenIncrease);
      const what = change.changes.map((entry) => `${entry.kind} ${entry.path}`).join(', ');
      io.stdout.write(`round ${round}: ${what}; ${score(best.runs)} → ${score(runs)}: ${keep ? 'kept' : 'discarded'}\n`);
      if (keep) best = { ouro: candidate, runs };
    }

    const kept = await diffFolders(existsSync(original) ? original : undefined, best.ouro);
    if (kept.changes.length === 0) io.stdout.write('No change was kept.\n');
    else if (options.diff) {
      await writeFile(options.diff, kept.patch);
      io.stdout.write(`Kept changes to ${kept.changes.length} files, written to ${options.diff} (review, then \`git apply\` it in the project).\n`);
    } else io.stdout.write(`Kept changes (review, then \`git apply\` in the project):\n${kept.patch}`);
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** More tasks pass, and tokens per run grew by no more than the allowed share. */
export function isBetter(candidate: readonly EvalRun[], current: readonly EvalRun[], maxTokenIncrease: number): boolean {
  const a = totals(candidate);
  const b = totals(current);
  const perRun = (t: ReturnType<typeof totals>) => (t.runs ? (t.promptTokens + t.completionTokens) / t.runs : 0);
  return a.passRate > b.passRate && perRun(a) <= perRun(b) * (1 + maxTokenIncrease);
}

function score(runs: readonly EvalRun[]): string {
  const t = totals(runs);
  const tokens = t.runs ? Math.round((t.promptTokens + t.completionTokens) / t.runs) : 0;
  return `${t.passed}/${t.runs} passed, ${tokens.toLocaleString('en-US')} tokens per run`;
}

/** The agent's workspace for a round: the current .ouro and a report per failed task. */
async function prepareWorkspace(workspace: string, ouro: string | undefined, failed: readonly EvalRun[], tasks: readonly EvalTask[]): Promise<void> {
  await mkdir(join(workspace, 'failures'), { recursive: true });
  if (ouro) await copyOuro(ouro, join(workspace, '.ouro'));
  for (const run of failed) {
    const task = tasks.find((candidate) => candidate.name === run.task);
    const report = [
      `# ${run.task}`,
      '',
      `Prompt: ${task?.prompt ?? '(unknown)'}`,
      `The agent ended with ${run.agentEnd}${run.agentError ? ` (${run.agentError})` : ''} after ${run.steps} steps.`,
      `The check \`${task?.check ?? '?'}\` exited ${run.checkExit ?? 'without a code'}.`,
      '',
      '## What the agent did',
      run.transcript || '(nothing)',
      '',
      '## What the check said',
      run.checkOutput.trim() || '(nothing)',
      '',
    ].join('\n');
    await writeFile(join(workspace, 'failures', `${run.task}.md`), report);
  }
}
