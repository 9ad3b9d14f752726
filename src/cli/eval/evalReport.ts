// What an eval run prints: a table per task and totals for people, the whole result as JSON for
// machines, and a comparison of two results (before and after a change). Pure functions.
import type { EvalRun } from './evalRun';

export interface EvalResult {
  suite: string;
  model: string;
  startedAt: string;
  /** Attempts per run when run with --best-of. */
  bestOf?: number;
  runs: EvalRun[];
}

export interface TaskSummary {
  task: string;
  runs: number;
  passed: number;
  /** Per run, averaged over the task's runs. */
  steps: number;
  promptTokens: number;
  completionTokens: number;
  seconds: number;
}

export function summariseTasks(runs: readonly EvalRun[]): TaskSummary[] {
  const byTask = new Map<string, EvalRun[]>();
  for (const run of runs) byTask.set(run.task, [...(byTask.get(run.task) ?? []), run]);
  return [...byTask].map(([task, list]) => ({
    task,
    runs: list.length,
    passed: list.filter((run) => run.passed).length,
    steps: mean(list.map((run) => run.steps)),
    promptTokens: mean(list.map((run) => run.promptTokens)),
    completionTokens: mean(list.map((run) => run.completionTokens)),
    seconds: mean(list.map((run) => run.seconds)),
  }));
}

/** Sums over every run. */
export function totals(runs: readonly EvalRun[]) {
  const sum = (pick: (run: EvalRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    runs: runs.length,
    passed: runs.filter((run) => run.passed).length,
    passRate: runs.length === 0 ? 0 : runs.filter((run) => run.passed).length / runs.length,
    steps: sum((run) => run.steps),
    promptTokens: sum((run) => run.promptTokens),
    completionTokens: sum((run) => run.completionTokens),
    seconds: Math.round(sum((run) => run.seconds) * 10) / 10,
  };
}

const HEADERS = ['task', 'pass', 'steps', 'tokens in', 'tokens out', 'seconds'];

export function formatTable(result: EvalResult): string {
  const rows = summariseTasks(result.runs).map((task) => [
    task.task,
    `${task.passed}/${task.runs}`,
    fixed(task.steps),
    whole(task.promptTokens),
    whole(task.completionTokens),
    fixed(task.seconds),
  ]);
  const all = totals(result.runs);
  rows.push(['total', `${all.passed}/${all.runs}`, whole(all.steps), whole(all.promptTokens), whole(all.completionTokens), fixed(all.seconds)]);
  const failures = result.runs.filter((run) => !run.passed).map((run) => `- ${run.task}${run.attempt > 1 ? ` (run ${run.attempt})` : ''}: ${whyFailed(run)}`);
  return [
    ...alignColumns([HEADERS, ...rows]),
    '',
    `${result.model}: ${percent(all.passRate)} passed (${all.passed} of ${all.runs} runs)`,
    ...(result.bestOf ? [`best of ${result.bestOf}: each run is the attempt the project's checks chose; its tokens are all ${result.bestOf} attempts'`] : []),
    ...(failures.length > 0 ? ['', 'Failed:', ...failures] : []),
  ].join('\n');
}

/** Task by task and in total: pass counts, tokens per run, and what changed. */
export function compareResults(before: EvalResult, after: EvalResult): string {
  const a = new Map(summariseTasks(before.runs).map((task) => [task.task, task]));
  const b = new Map(summariseTasks(after.runs).map((task) => [task.task, task]));
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows = names.map((name) => {
    const x = a.get(name);
    const y = b.get(name);
    const rateX = x ? x.passed / x.runs : undefined;
    const rateY = y ? y.passed / y.runs : undefined;
    const mark = rateX === undefined || rateY === undefined ? 'new/gone' : rateY > rateX ? 'better' : rateY < rateX ? 'worse' : '';
    return [name, x ? `${x.passed}/${x.runs}` : '-', y ? `${y.passed}/${y.runs}` : '-', mark, x ? whole(x.promptTokens + x.completionTokens) : '-', y ? whole(y.promptTokens + y.completionTokens) : '-'];
  });
  const ta = totals(before.runs);
  const tb = totals(after.runs);
  const tokensA = ta.runs ? (ta.promptTokens + ta.completionTokens) / ta.runs : 0;
  const tokensB = tb.runs ? (tb.promptTokens + tb.completionTokens) / tb.runs : 0;
  const points = (tb.passRate - ta.passRate) * 100;
  return [
    ...alignColumns([['task', 'before', 'after', '', 'tokens/run before', 'tokens/run after'], ...rows]),
    '',
    `pass rate: ${percent(ta.passRate)} → ${percent(tb.passRate)} (${points >= 0 ? '+' : ''}${points.toFixed(1)} points)`,
    `tokens per run: ${whole(tokensA)} → ${whole(tokensB)}${tokensA > 0 ? ` (${signedPercent(tokensB / tokensA - 1)})` : ''}`,
  ].join('\n');
}

function whyFailed(run: EvalRun): string {
  const agent = run.agentEnd === 'stop' ? '' : `the agent ended with ${run.agentEnd}${run.agentError ? ` (${run.agentError})` : ''}; `;
  const lastLine = run.checkOutput.trim().split('\n').filter(Boolean).at(-1) ?? '';
  return `${agent}the check exited ${run.checkExit ?? 'without a code'}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`;
}

/** The first `names` columns are left-aligned; the rest (numbers) right-aligned. */
export function alignColumns(rows: string[][], names = 1): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column < names ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function signedPercent(change: number): string {
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}
