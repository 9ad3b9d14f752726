// A tool call with its PreToolUse and PostToolUse hooks around it. A denial (or exit code 2) is
// the call's result, with the hook's reason for the model; "ask" puts the call to the person
// first, even where a rule would let it run; "allow" (from the user's own hooks) lets it run
// without the approval card. Neither skips a deny rule or a protected file's review: those are
// the tools' own and still apply. What PostToolUse hooks say is added to the result.
import type { ToolCall } from '../conversation';
import { parseArguments, runToolCall } from '../runToolCall';
import type { Approver, Tool, ToolContext, ToolResult } from '../tools/tool';
import { failure } from '../tools/toolFailure';
import type { ResolvedPath } from '../workspace/workspace';
import { hookToolInput, type Hooks } from './hooks';

const APPROVED: Approver = { approve: async () => ({ approved: true }) };

export async function runHookedToolCall(call: ToolCall, tools: readonly Tool[], ctx: ToolContext, hooks: Hooks): Promise<ToolResult> {
  const parsed = parseArguments(call.arguments);
  // Arguments that are not an object get their error from runToolCall, with no hook in between.
  if (!parsed.ok) return runToolCall(call, tools, ctx);
  const input = hookToolInput(parsed.value, await namedFile(parsed.value, ctx));
  const before = await hooks.preToolUse(call.name, input, ctx.signal);
  notify(ctx, before.notices);
  if (before.stop) return failure(`Not run: ${before.stop}`);
  const why = before.forModel.join('\n');
  if (before.decision === 'deny' || before.decision === 'block') return failure(`Not run: a hook refused it${why ? `: ${why}` : '.'}`);
  let approver = ctx.approver;
  if (before.decision === 'ask') {
    const decision = await ctx.approver.approve({ kind: 'execute', title: `${call.name}: a hook asks you to approve this call`, detail: why || call.arguments }, ctx.signal);
    if (!decision.approved) return failure(`Not run: the user declined it${decision.reason ? `: ${decision.reason}` : '.'}`);
    approver = APPROVED;
  } else if (before.decision === 'allow') {
    approver = APPROVED;
  }
  const result = await runToolCall(call, tools, { ...ctx, approver });
  if (!hooks.has('PostToolUse')) return result;
  const after = await hooks.postToolUse(call.name, input, { content: result.content, isError: Boolean(result.isError) }, ctx.signal);
  notify(ctx, after.notices);
  const feedback = [...(why && before.decision !== 'ask' ? [why] : []), ...after.forModel];
  return feedback.length ? { ...result, content: `${result.content}\n\nFrom the hooks: ${feedback.join('\n')}` } : result;
}

/** The file a call names (`path`), resolved, for hooks that read `tool_input.file_path`. */
async function namedFile(args: Record<string, unknown>, ctx: ToolContext): Promise<ResolvedPath | undefined> {
  if (typeof args.path !== 'string') return undefined;
  try {
    return await ctx.workspace.resolve(args.path);
  } catch {
    return undefined;
  }
}

function notify(ctx: ToolContext, notices: readonly string[]): void {
  for (const text of notices) ctx.emit({ type: 'hook', text });
}
