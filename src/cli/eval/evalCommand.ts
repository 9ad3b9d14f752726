// `ouro eval`: run a suite of tasks against a model and report, or compare two results.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENDPOINT_OPTIONS, nonEmpty } from '../args';
import { compareResults, formatTable, type EvalResult } from './evalReport';
import type { Endpoint, EvalRun } from './evalRun';
import { runTasks } from './runTasks';
import { loadSuite } from './evalSuite';
import { mineMain } from './mine/mineCommand';

export const EVAL_USAGE = `Usage: ouro eval --suite DIR [options]
       ouro eval --compare BEFORE.json AFTER.json
       ouro eval mine [--project DIR] [--since REV] [--max N] [--check CMD]   (see ouro eval mine --help)

Runs each task of the suite (a folder per task: task.json and workspace/, or a git reference in
task.json) on a copy of its workspace, then its check; prints a table per task and totals.

Options:
  --suite DIR            the suite's folder
  --task NAME            run only this task (repeatable)
  --base-url URL         OpenAI-compatible endpoint (env OPENAI_BASE_URL)
  --api-key KEY          API key (env OPENAI_API_KEY)
  --model NAME           model name (env OURO_MODEL)
  --repeat N             run every task N times (default 1)
  --jobs N               run N tasks at a time (default 1; mind the endpoint's rate limits)
  --best-of N            run N attempts of each task (2 to 5) in git worktrees of its copy;
                         the project's own checks (AGENTS.md, package.json's test) choose
                         one, and the task's check judges that one; tokens count them all
  --ouro DIR             put this .ouro folder (rules, tools, skills) into every task's workspace
  --json                 print the result as JSON instead of the table
  --out FILE             also write the result as JSON to FILE, for --compare
  --compare A B          compare two results written with --out
  -h, --help             show this help`;

interface Output {
  write(text: string): void;
}

interface EvalOptions {
  suite: string;
  tasks: string[];
  baseURL: string;
  apiKey?: string;
  model: string;
  repeat: number;
  jobs: number;
  bestOf?: number;
  ouro?: string;
  json: boolean;
  out?: string;
}

type Parsed = { kind: 'help' } | { kind: 'compare'; before: string; after: string } | ({ kind: 'run' } & EvalOptions) | { kind: 'usage'; message: string };

export function parseEvalArgs(argv: string[], env: Record<string, string | undefined>): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        suite: { type: 'string' },
        task: { type: 'string', multiple: true },
        ...ENDPOINT_OPTIONS,
        repeat: { type: 'string' },
        jobs: { type: 'string' },
        'best-of': { type: 'string' },
        ouro: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        compare: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { kind: 'usage', message: (err as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.compare) {
    return positionals.length === 2 ? { kind: 'compare', before: positionals[0], after: positionals[1] } : { kind: 'usage', message: '--compare takes two result files' };
  }
  if (positionals.length > 0) return { kind: 'usage', message: `unexpected argument "${positionals[0]}"` };
  if (!values.suite) return { kind: 'usage', message: 'no suite given: pass --suite DIR' };
  const endpoint = endpointFrom(values, env);
  if (typeof endpoint === 'string') return { kind: 'usage', message: endpoint };
  const { baseURL, apiKey, model } = endpoint;
  const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100) return { kind: 'usage', message: `--repeat must be a whole number from 1 to 100, not "${values.repeat}"` };
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) return { kind: 'usage', message: `--jobs must be a whole number from 1 to 32, not "${values.jobs}"` };
  const bestOf = values['best-of'] === undefined ? undefined : Number(values['best-of']);
  if (bestOf !== undefined && (!Number.isInteger(bestOf) || bestOf < 2 || bestOf > 5)) return { kind: 'usage', message: `--best-of must be a whole number from 2 to 5, not "${values['best-of']}"` };
  return { kind: 'run', suite: values.suite, tasks: values.task ?? [], baseURL, apiKey, model, repeat, jobs, ...(bestOf ? { bestOf } : {}), ouro: values.ouro, json: values.json ?? false, out: values.out };
}

/** The endpoint from the flags and the environment, or what is missing. */
export function endpointFrom(values: { 'base-url'?: string; 'api-key'?: string; model?: string }, env: Record<string, string | undefined>): Endpoint | string {
  const model = nonEmpty(values.model) ?? nonEmpty(env.OURO_MODEL);
  if (!model) return 'no model configured: pass --model NAME or set OURO_MODEL';
  const apiKey = nonEmpty(values['api-key']) ?? nonEmpty(env.OPENAI_API_KEY);
  // With a key and no URL, the key is OpenAI's.
  const baseURL = nonEmpty(values['base-url']) ?? nonEmpty(env.OPENAI_BASE_URL) ?? (apiKey ? 'https://api.openai.com/v1' : undefined);
  if (!baseURL) return 'no endpoint configured: pass --base-url URL or set OPENAI_BASE_URL';
  return { baseURL, apiKey, model };
}

/** Exit 0 when every run passed, 1 when some failed, 2 for a bad command line or suite. */
export async function evalMain(argv: string[], io: { stdout: Output; stderr: Output; signal?: AbortSignal; cli?: readonly string[] }): Promise<number> {
  if (argv[0] === 'mine') return mineMain(argv.slice(1), io);
  const parsed = parseEvalArgs(argv, process.env);
  const fail = (code: number, reason: string) => (io.stderr.write(`ouro eval: ${reason}\n`), code);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(`${EVAL_USAGE}\n`);
      return 0;
    case 'usage':
      return fail(2, `${parsed.message}\n${EVAL_USAGE}`);
    case 'compare': {
      const [before, after] = await Promise.all([readResult(parsed.before), readResult(parsed.after)]).catch((err: Error) => [err, err] as const);
      if (before instanceof Error || after instanceof Error) return fail(2, (before as Error).message);
      io.stdout.write(`${compareResults(before, after)}\n`);
      return 0;
    }
    case 'run':
      return runSuite(parsed, io, fail);
  }
}

async function runSuite(options: EvalOptions, io: { stdout: Output; stderr: Output; signal?: AbortSignal; cli?: readonly string[] }, fail: (code: number, reason: string) => number): Promise<number> {
  const suite = await loadSuite(resolve(options.suite), options.tasks).catch((err: Error) => err);
  if (suite instanceof Error) return fail(2, `cannot read the suite ${options.suite}: ${suite.message}`);
  for (const problem of suite.problems) io.stderr.write(`ouro eval: ${problem}\n`);
  if (suite.tasks.length === 0) return fail(2, `no runnable task in ${options.suite}`);

  const result: EvalResult = { suite: options.suite, model: options.model, startedAt: new Date().toISOString(), ...(options.bestOf ? { bestOf: options.bestOf } : {}), runs: [] };
  const endpoint = { baseURL: options.baseURL, apiKey: options.apiKey, model: options.model };
  result.runs = await runTasks(suite.tasks, {
    endpoint,
    repeat: options.repeat,
    jobs: options.jobs,
    bestOf: options.bestOf,
    ouro: options.ouro && resolve(options.ouro),
    cli: io.cli,
    signal: io.signal,
    onRun: (run, done, total) => io.stderr.write(`[${done}/${total}] ${describeRun(run)}\n`),
  });
  if (io.signal?.aborted) return fail(130, 'cancelled');
  if (options.out) await writeFile(options.out, `${JSON.stringify(result, null, 2)}\n`);
  io.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${formatTable(result)}\n`);
  return result.runs.every((run) => run.passed) ? 0 : 1;
}

export function describeRun(run: EvalRun): string {
  const which = run.attempt > 1 ? ` (run ${run.attempt})` : '';
  const chosen = run.bestOf ? `, attempt ${run.bestOf.chosen} of ${run.bestOf.attempts} chosen` : '';
  return `${run.task}${which}: ${run.passed ? 'pass' : 'FAIL'} (${run.steps} steps, ${run.promptTokens + run.completionTokens} tokens, ${run.seconds} s${chosen})`;
}

async function readResult(path: string): Promise<EvalResult> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the result ${path}: ${(err as Error).message}`);
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as EvalResult).runs)) throw new Error(`${path} is not a result written by eval --out`);
  return json as EvalResult;
}
