// Runs one task: copies its workspace to a temp folder, runs the agent there exactly as a user
// would (the CLI itself, as a child process, with --json), then runs the task's check in that
// folder. What the agent did is read from its event stream: steps, tool calls, tokens, how it
// ended.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '../../agent/events';
import { withoutErrorMarker } from '../../agent/toolErrorMarker';
import { TASK_WORKSPACE, type EvalTask } from './evalSuite';
import { runBestOfAgents, type BestOfAgents, type BestOfSummary } from './bestOfAgents';
import { checkOutGitSource, restorePatchedFiles } from './gitWorkspace';
import { copyOuro } from './ouroRecords';
import { CHECK_OUTPUT_LIMITS, runCheck } from './taskCheck';
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';

export interface Endpoint {
  baseURL: string;
  apiKey?: string;
  model: string;
}

export interface EvalRun {
  task: string;
  /** 1-based, for --repeat. */
  attempt: number;
  passed: boolean;
  steps: number;
  toolCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** How long the agent took (the check not included). */
  seconds: number;
  /** How the agent ended: stop, max_steps, error, cancelled, or crashed (no done event). */
  agentEnd: string;
  agentError?: string;
  checkExit: number | null;
  /** The check's output, capped: what a failure looked like. */
  checkOutput: string;
  /** What the agent did, tool call by tool call, shortened (when asked for). */
  transcript?: string;
  /** With --best-of: the attempts, and which the project's checks chose (its work is what the check judged). */
  bestOf?: BestOfSummary;
}

export interface RunOptions {
  endpoint: Endpoint;
  /** The program and arguments that start the CLI: this process's own, by default. */
  cli?: readonly string[];
  attempt?: number;
  signal?: AbortSignal;
  /** A .ouro folder (rules, tools, skills) put into every task's workspace; the task's own files win. */
  ouro?: string;
  /** Keep a short transcript of the agent's work in the result. */
  transcript?: boolean;
  /** Run this many attempts (in git worktrees of the copy) and judge the one the project's checks choose. */
  bestOf?: number;
}

export async function runTask(task: EvalTask, options: RunOptions): Promise<EvalRun> {
  const signal = options.signal ?? new AbortController().signal;
  const temp = await mkdtemp(join(tmpdir(), 'ouro-eval-'));
  try {
    // Named for the task, so the agent sees a meaningful folder name; an empty home keeps the
    // user's own skills out of the measurement.
    const workspace = join(temp, task.name);
    const home = join(temp, 'home');
    if (task.git) await checkOutGitSource(task.git, workspace, signal);
    if (options.ouro) await copyOuro(options.ouro, join(workspace, '.ouro'));
    if (!task.git) await cp(join(task.dir, TASK_WORKSPACE), workspace, { recursive: true, force: true });
    await mkdir(home);

    const started = performance.now();
    const place = { workspace, home, endpoint: options.endpoint, cli: options.cli, signal };
    const agent: Partial<BestOfAgents> & Pick<BestOfAgents, 'events' | 'error' | 'folder'> =
      options.bestOf && options.bestOf > 1 ? await attemptsInWorktrees(task, place, options.bestOf, join(temp, 'worktrees')) : { ...(await runAgentProcess(task, place)), folder: workspace };
    const seconds = (performance.now() - started) / 1000;

    // A task from history is judged by its own tests, whatever the agent did to them.
    if (task.git) await restorePatchedFiles(task.git, agent.folder, signal);
    // The check runs the agent's code: in the sandbox, like the agent's own commands.
    const check = await runCheck(task.check, { workspace: agent.folder, display: task.name, env: { OURO_TASK_DIR: task.dir, HOME: home }, timeoutMs: task.checkTimeoutMs, signal });
    return {
      task: task.name,
      attempt: options.attempt ?? 1,
      passed: check.exitCode === 0,
      ...summarise(agent.events),
      ...(agent.bestOf ? { agentEnd: agent.chosenEnd, bestOf: agent.bestOf } : {}),
      seconds: Math.round(seconds * 10) / 10,
      ...(agent.error ? { agentEnd: 'crashed', agentError: agent.error } : {}),
      checkExit: check.exitCode,
      checkOutput: check.output,
      ...(options.transcript ? { transcript: shortTranscript(agent.events) } : {}),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Best of N on a task: the attempts in worktrees of the copy, the project's own checks (run in
 * the sandbox, like the agent's commands) choosing one, which the task's check then judges.
 */
async function attemptsInWorktrees(task: EvalTask, place: AgentRunPlace, attempts: number, worktrees: string): Promise<BestOfAgents> {
  const runner = await isolatedRunner(new NodeCommandRunner({ env: { OURO_TASK_DIR: task.dir, HOME: place.home }, limits: CHECK_OUTPUT_LIMITS }), { enabled: true, allowNetwork: () => [] });
  try {
    return await runBestOfAgents(place.workspace, (folder) => runAgentProcess({ ...task, noChecks: true }, { ...place, workspace: folder }), { attempts, runner, worktrees, title: task.name, signal: place.signal });
  } finally {
    await runner.dispose?.();
  }
}

/** Steps, tool calls, tokens and the end, as the agent's events tell them. */
export function summarise(events: readonly AgentEvent[]): Pick<EvalRun, 'steps' | 'toolCalls' | 'promptTokens' | 'completionTokens' | 'agentEnd' | 'agentError'> {
  let steps = 0;
  let toolCalls = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let end: Extract<AgentEvent, { type: 'done' }> | undefined;
  for (const event of events) {
    if (event.type === 'step') steps++;
    else if (event.type === 'tool_call') toolCalls++;
    else if (event.type === 'usage') {
      promptTokens += event.usage.promptTokens;
      completionTokens += event.usage.completionTokens;
    } else if (event.type === 'done') end = event;
  }
  const error = end && end.reason !== 'stop' && end.message ? { agentError: end.message } : {};
  return { steps, toolCalls, promptTokens, completionTokens, agentEnd: end?.reason ?? 'crashed', ...error };
}

export interface AgentRunPlace {
  workspace: string;
  home: string;
  endpoint: Endpoint;
  cli?: readonly string[];
  signal: AbortSignal;
}

/** Runs the CLI with --json on `workspace` and collects its events. */
export async function runAgentProcess(
  job: { prompt: string; approve: string; maxSteps: number; noChecks?: boolean },
  { workspace, home, endpoint, cli, signal }: AgentRunPlace,
): Promise<{ events: AgentEvent[]; error?: string }> {
  const [program, ...cliArgs] = cli ?? [process.execPath, ...process.execArgv, process.argv[1]];
  const args = [...cliArgs, '--cwd', workspace, '--base-url', endpoint.baseURL, '--model', endpoint.model];
  args.push('--approve', job.approve, '--max-steps', String(job.maxSteps), ...(job.noChecks ? ['--no-checks'] : []), '--json', job.prompt);
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      // The key travels in the environment, never on a command line others can see.
      env: { ...process.env, HOME: home, OPENAI_API_KEY: endpoint.apiKey ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
      killSignal: 'SIGINT',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (err) => resolve({ events: parseEvents(stdout), error: err.message }));
    child.on('close', (code) => {
      const events = parseEvents(stdout);
      const ended = events.some((event) => event.type === 'done');
      resolve(ended ? { events } : { events, error: `the agent exited with ${code} before finishing: ${stderr.trim().split('\n').at(-1) ?? ''}` });
    });
  });
}

const TRANSCRIPT_LINE_CHARS = 300;
const TRANSCRIPT_CHARS = 6000;

/** The agent's tool calls and their results, and its last words, a line or so each. */
export function shortTranscript(events: readonly AgentEvent[]): string {
  const lines: string[] = [];
  let text = '';
  for (const event of events) {
    if (event.type === 'text') text += event.delta;
    else if (event.type === 'tool_call') lines.push(clip(`→ ${event.call.name} ${event.call.arguments}`));
    else if (event.type === 'tool_result') lines.push(clip(`${event.isError ? '✗' : '←'} ${withoutErrorMarker(event.content)}`));
    else if (event.type === 'step' && text) {
      lines.push(clip(`says: ${text}`));
      text = '';
    }
  }
  if (text) lines.push(clip(`says: ${text}`));
  const whole = lines.join('\n');
  return whole.length <= TRANSCRIPT_CHARS ? whole : `${whole.slice(0, TRANSCRIPT_CHARS / 3)}\n[…]\n${whole.slice(-(TRANSCRIPT_CHARS * 2) / 3)}`;
}

function clip(line: string): string {
  const flat = line.replace(/\s+/g, ' ').trim();
  return flat.length <= TRANSCRIPT_LINE_CHARS ? flat : `${flat.slice(0, TRANSCRIPT_LINE_CHARS)}…`;
}

function parseEvents(stdout: string): AgentEvent[] {
  return stdout.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as AgentEvent];
    } catch {
      return [];
    }
  });
}
