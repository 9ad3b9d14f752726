// An eval task run best-of-N, as `ouro --best-of N` does it: the task's copy becomes a git
// repository, each attempt works in its own worktree, the project's own checks (not the task's
// hidden one) choose the winner, and the task's check then judges only the winner. The tokens of
// every attempt are counted: that is what best-of costs.
import { findProjectChecks } from '../../agent/checks/projectChecks';
import type { CommandRunner } from '../../agent/commands/commandRunner';
import type { AgentEvent } from '../../agent/events';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import { runBestOfN } from '../../agent/worktrees/bestOfN';
import { git } from '../../agent/worktrees/git';
import { runCheckIn } from '../../agent/worktrees/runCheck';
import { WorktreeSessions } from '../../agent/worktrees/worktreeSessions';

export interface BestOfSummary {
  attempts: number;
  /** 1-based: the attempt whose work the task's check judged. */
  chosen: number;
  /** The project's checks that chose it. */
  checks: string[];
  /** Per attempt: how many of them passed, and the diff's size in lines. */
  checksPassed: number[];
  diffLines: number[];
}

export interface BestOfAgents {
  /** Every attempt's events, one after another. */
  events: AgentEvent[];
  /** Why the chosen attempt's agent process failed, if it did. */
  error?: string;
  /** The winner's folder, where the task's check runs. */
  folder: string;
  chosenEnd: string;
  bestOf: BestOfSummary;
}

export type AgentInFolder = (folder: string) => Promise<{ events: AgentEvent[]; error?: string }>;

export async function runBestOfAgents(workspace: string, runAgent: AgentInFolder, options: { attempts: number; runner: CommandRunner; worktrees: string; title: string; signal: AbortSignal }): Promise<BestOfAgents> {
  // A copy with no history of its own: the attempts start from its files as they are.
  const identity = ['-c', 'user.name=ouro eval', '-c', 'user.email=eval@ouro.invalid', '-c', 'commit.gpgsign=false'];
  await git(workspace, ['init', '--quiet']);
  await git(workspace, ['add', '--all']);
  await git(workspace, [...identity, 'commit', '--quiet', '--allow-empty', '--no-verify', '-m', 'task']);
  const sessions = await WorktreeSessions.open({ workspace, folder: options.worktrees });
  const checks = (await findProjectChecks(new NodeWorkspace(workspace))).checks.map((check) => check.command);
  const events: AgentEvent[] = [];
  /** Per attempt: why its agent process failed, if it did. */
  const errors: Array<string | undefined> = [];
  const result = await runBestOfN({
    sessions,
    title: options.title,
    attempts: options.attempts,
    checks,
    signal: options.signal,
    run: async (session) => {
      const agent = await runAgent(session.root);
      events.push(...agent.events);
      errors.push(agent.error);
      let tokens = 0;
      let ended = 'crashed';
      for (const event of agent.events) {
        if (event.type === 'usage') tokens += event.usage.promptTokens + event.usage.completionTokens;
        else if (event.type === 'done' && !agent.error) ended = event.reason;
      }
      return { ended, tokens };
    },
    runCheck: (command, session) => runCheckIn(options.runner, command, session.root, { signal: options.signal }),
  });
  const chosen = result.attempts[result.winner ?? 0];
  const error = errors[chosen.attempt - 1];
  return {
    events,
    ...(error ? { error } : {}),
    folder: chosen.folder,
    chosenEnd: chosen.ended,
    bestOf: {
      attempts: result.attempts.length,
      chosen: chosen.attempt,
      checks,
      checksPassed: result.attempts.map((attempt) => attempt.checks.filter((check) => check.passed).length),
      diffLines: result.attempts.map((attempt) => attempt.diffLines),
    },
  };
}
