// `ouro improve`: the self-improvement loop. Run the suite; hand the failures to the agent,
// working on a copy of the project's .ouro folder (rules, tools, skills — never Ouro's own
// source); run the suite again with its change; keep the change only when more tasks pass
// without a large token increase. With --holdout, part of the suite is held out: the agent sees
// only the other part's failures, and a change is kept only when the held-out tasks do not get
// worse, so it must carry over to tasks it never saw. What was kept is left as a diff for the
// user to review; every round's candidate, scores and decision are kept in .ouro/improve/.
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
import { splitSuite } from './holdoutSplit';
import { copyOuro } from './ouroRecords';
import { improveRecordDir, writeRoundRecord, writeSplitRecord, type PartScore, type RoundScores } from './roundRecord';
import { runTasks } from './runTasks';

export const IMPROVE_USAGE = `Usage: ouro improve --suite DIR [options]

Runs the suite, lets the agent change the project's .ouro folder (rules, tools, skills) to fix
what failed, and keeps a change only when the suite then passes more tasks without costing
much more. Prints each round and the kept changes as a diff; the project's rules, tools and
skills are not changed. Each round's candidate, scores and decision go to .ouro/improve/.

Options:
  --suite DIR            the eval suite
  --project DIR          the project whose .ouro folder is improved (default: the current folder)
  --rounds N             rounds of improvement (default 3)
  --base-url URL, --api-key KEY, --model NAME   the endpoint, as for a normal run
  --jobs N               run N tasks at a time (default 1)
  --max-token-increase F keep a change only if tokens per run grow by at most this share (default 0.25)
  --holdout F            hold out this share of the tasks (e.g. 0.3): the agent never sees their
                         failures, and a change that makes them worse is not kept
  --seed N               the seed of the held-out split (default 1)
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
  holdout: number;
  seed: number;
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
        holdout: { type: 'string' },
        seed: { type: 'string' },
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
  const holdout = Number(values.holdout ?? 0);
  if (!(holdout >= 0 && holdout < 1)) return `--holdout must be a share from 0 to below 1, like 0.3, not "${values.holdout}"`;
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) return `--seed must be a whole number, not "${values.seed}"`;
  return { suite: values.suite, project: values.project ?? cwd, rounds, endpoint, jobs, maxTokenIncrease, holdout, seed, diff: values.diff };
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
  const split = splitSuite(suite.tasks, options.holdout, options.seed);
  const heldOut = new Set(split.heldOut.map((task) => task.name));
  if (options.holdout > 0 && heldOut.size === 0) io.stderr.write('ouro improve: too few tasks to hold any out; every task is for training\n');
  if (heldOut.size > 0) io.stdout.write(`held out (seed ${options.seed}): ${[...heldOut].join(', ')}\n`);

  const original = join(resolve(options.project), '.ouro');
  const hadOuro = existsSync(original);
  const records = improveRecordDir(resolve(options.project), new Date());
  await writeSplitRecord(records, { holdout: options.holdout, seed: options.seed, train: split.train.map((task) => task.name), heldOut: [...heldOut] });
  const scratch = await mkdtemp(join(tmpdir(), 'ouro-improve-'));
  try {
    // An empty home for the improving agent: the user's own skills stay out of it.
    await mkdir(join(scratch, 'home'));
    const evaluate = (ouro: string | undefined) =>
      runTasks(suite.tasks, { endpoint: options.endpoint, jobs: options.jobs, ouro, transcript: true, cli: io.cli, signal: io.signal, onRun: (run, done, total) => io.stderr.write(`  [${done}/${total}] ${describeRun(run)}\n`) });
    io.stderr.write('round 0: the suite as it is\n');
    let best: Standing = { ouro: hadOuro ? original : undefined, runs: [] };
    best.runs = await evaluate(best.ouro);
    const baseline = best.runs;
    io.stdout.write(`round 0: ${score(best.runs, heldOut)}\n`);
    await writeRoundRecord(records, { round: 0, after: scores(best.runs, heldOut), decision: 'baseline', reason: 'the suite with the project\'s .ouro as it is' });

    for (let round = 1; round <= options.rounds && !io.signal?.aborted; round++) {
      // Only the training tasks' failures are shown: the held-out ones must stay unseen.
      const failed = best.runs.filter((run) => !run.passed && !heldOut.has(run.task));
      if (failed.length === 0) {
        io.stdout.write(`round ${round}: every ${heldOut.size > 0 ? 'training ' : ''}task passes; nothing to improve\n`);
        break;
      }
      io.stderr.write(`round ${round}: the agent works on .ouro with ${failed.length} failure reports\n`);
      const workspace = join(scratch, `improve-${round}`);
      await prepareWorkspace(workspace, best.ouro, failed, suite.tasks);
      await runAgentProcess({ prompt: IMPROVE_PROMPT, approve: 'all', maxSteps: 30 }, { workspace, home: join(scratch, 'home'), endpoint: options.endpoint, cli: io.cli, signal: io.signal ?? new AbortController().signal });
      const candidate = join(workspace, '.ouro');
      const change = await diffFolders(best.ouro, candidate);
      const failuresShown = failed.map((run) => run.task);
      if (change.changes.length === 0) {
        io.stdout.write(`round ${round}: no change proposed\n`);
        await writeRoundRecord(records, { round, failuresShown, decision: 'no change', reason: 'the agent changed nothing in .ouro' });
        continue;
      }
      const runs = await evaluate(candidate);
      const verdict = decide(runs, best.runs, heldOut, options.maxTokenIncrease);
      const what = change.changes.map((entry) => `${entry.kind} ${entry.path}`).join(', ');
      io.stdout.write(`round ${round}: ${what}; ${score(best.runs, heldOut)} → ${score(runs, heldOut)}: ${verdict.keep ? 'kept' : 'discarded'} (${verdict.reason})\n`);
      await writeRoundRecord(records, {
        round,
        failuresShown,
        change: change.patch,
        before: scores(best.runs, heldOut),
        after: scores(runs, heldOut),
        decision: verdict.keep ? 'kept' : 'discarded',
        reason: verdict.reason,
      });
      if (verdict.keep) best = { ouro: candidate, runs };
    }

    if (heldOut.size > 0) {
      const rate = (runs: readonly EvalRun[]) => part(runs, heldOut, true);
      io.stdout.write(`Held-out tasks: ${rate(baseline)} without the kept changes, ${rate(best.runs)} with them.\n`);
    }
    const kept = await diffFolders(hadOuro ? original : undefined, best.ouro);
    if (kept.changes.length === 0) io.stdout.write('No change was kept.\n');
    else if (options.diff) {
      await writeFile(options.diff, kept.patch);
      io.stdout.write(`Kept changes to ${kept.changes.length} files, written to ${options.diff} (review, then \`git apply\` it in the project).\n`);
    } else io.stdout.write(`Kept changes (review, then \`git apply\` in the project):\n${kept.patch}`);
    io.stdout.write(`Each round's change, scores and decision: ${records}\n`);
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** More tasks pass, and tokens per run grew by no more than the allowed share. */
export function isBetter(candidate: readonly EvalRun[], current: readonly EvalRun[], maxTokenIncrease: number): boolean {
  return decide(candidate, current, new Set(), maxTokenIncrease).keep;
}

/**
 * Keep a change when the training tasks' pass rate rises, the held-out tasks' does not fall, and
 * tokens per run grow by no more than the allowed share; the reason says which held.
 */
export function decide(candidate: readonly EvalRun[], current: readonly EvalRun[], heldOut: ReadonlySet<string>, maxTokenIncrease: number): { keep: boolean; reason: string } {
  const [trainA, trainB] = [candidate, current].map((runs) => totals(runs.filter((run) => !heldOut.has(run.task))));
  const [heldA, heldB] = [candidate, current].map((runs) => totals(runs.filter((run) => heldOut.has(run.task))));
  const train = heldOut.size > 0 ? 'the training tasks\' pass rate' : 'the pass rate';
  if (trainA.passRate <= trainB.passRate) return { keep: false, reason: `${train} did not rise` };
  if (heldA.passRate < heldB.passRate) return { keep: false, reason: `the held-out tasks' pass rate fell, ${heldB.passed}/${heldB.runs} → ${heldA.passed}/${heldA.runs}: it does not carry over` };
  const [tokensA, tokensB] = [candidate, current].map(tokensPerRun);
  if (tokensA > tokensB * (1 + maxTokenIncrease)) return { keep: false, reason: `tokens per run grew by more than ${Math.round(maxTokenIncrease * 100)}%` };
  return { keep: true, reason: heldOut.size > 0 ? `${train} rose and the held-out tasks' did not fall` : `${train} rose` };
}

function tokensPerRun(runs: readonly EvalRun[]): number {
  const t = totals(runs);
  return t.runs ? (t.promptTokens + t.completionTokens) / t.runs : 0;
}

/** "2/3 passed", or with held-out tasks "train 1/2, held-out 1/1 passed"; and tokens per run. */
function score(runs: readonly EvalRun[], heldOut: ReadonlySet<string>): string {
  const tokens = `${Math.round(tokensPerRun(runs)).toLocaleString('en-US')} tokens per run`;
  if (heldOut.size === 0) return `${part(runs, heldOut, false)} passed, ${tokens}`;
  return `train ${part(runs, heldOut, false)}, held-out ${part(runs, heldOut, true)} passed, ${tokens}`;
}

function part(runs: readonly EvalRun[], heldOut: ReadonlySet<string>, held: boolean): string {
  const { passed, runs: count } = partScore(runs, heldOut, held);
  return `${passed}/${count}`;
}

function partScore(runs: readonly EvalRun[], heldOut: ReadonlySet<string>, held: boolean): PartScore {
  const t = totals(runs.filter((run) => heldOut.has(run.task) === held));
  return { passed: t.passed, runs: t.runs };
}

function scores(runs: readonly EvalRun[], heldOut: ReadonlySet<string>): RoundScores {
  return { train: partScore(runs, heldOut, false), heldOut: partScore(runs, heldOut, true), tokensPerRun: Math.round(tokensPerRun(runs)) };
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
