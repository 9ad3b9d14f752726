// What a hook's run means, read as Claude Code reads it: exit code 0 with optional JSON on
// stdout, exit code 2 to block (its output is the reason), anything else a failure that blocks
// nothing. Pure.
import type { CommandRunResult } from '../commands/commandRunner';
import { isObject } from './isObject';

export interface HookVerdict {
  /** PreToolUse: allow, deny or ask; Stop, UserPromptSubmit and PostToolUse: block. */
  decision?: 'allow' | 'deny' | 'ask' | 'block';
  /** Why, for the model (a denied call, feedback after a call, a reason not to stop). */
  reason?: string;
  /** More for the model to read with the call's result or the prompt. */
  context?: string;
  /** `continue: false`: end the turn, saying this. */
  stop?: string;
  /** For the person, not the model. */
  message?: string;
  /** The hook could not run or failed; nothing it said is taken. */
  failure?: string;
}

const DECISIONS: Record<string, HookVerdict['decision']> = { allow: 'allow', approve: 'allow', deny: 'deny', block: 'block', ask: 'ask' };

export function verdictOf(result: CommandRunResult, label: string): HookVerdict {
  const output = result.output.trim();
  if (result.timedOut) return { failure: `${label} timed out` };
  if (result.cancelled) return { failure: `${label} was cancelled` };
  if (result.exitCode === 2) return { decision: 'block', reason: output || `${label} blocked it` };
  if (result.exitCode !== 0) return { failure: `${label} failed (exit code ${result.exitCode ?? 'none'})${output ? `: ${output}` : ''}` };
  const json = jsonOf(output);
  if (!json) return output ? { context: output } : {};
  const specific = isObject(json.hookSpecificOutput) ? json.hookSpecificOutput : {};
  // Copilot's hooks answer with the permission fields at the top.
  const decision = DECISIONS[String(specific.permissionDecision ?? json.permissionDecision ?? json.decision ?? '')];
  const reason = text(specific.permissionDecisionReason) ?? text(json.permissionDecisionReason) ?? text(json.reason);
  const verdict: HookVerdict = {};
  if (decision) verdict.decision = decision;
  if (reason) verdict.reason = reason;
  const context = text(specific.additionalContext);
  if (context) verdict.context = context;
  if (json.continue === false) verdict.stop = text(json.stopReason) ?? `${label} ended the turn`;
  const message = text(json.systemMessage);
  if (message) verdict.message = message;
  return verdict;
}

/** The output as a JSON object: all of it, or its last line (a hook may print more before). */
function jsonOf(output: string): Record<string, unknown> | undefined {
  if (!output.endsWith('}')) return undefined;
  for (const candidate of [output, output.slice(output.lastIndexOf('\n') + 1)]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (isObject(value)) return value;
    } catch {
      // not JSON: try the last line, then take the output as text
    }
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
