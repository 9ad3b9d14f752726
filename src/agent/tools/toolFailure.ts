// Tools never throw at the loop: whatever goes wrong becomes a result the model can act on.
import { WorkspaceError } from '../workspace/workspace';
import type { ToolContext, ToolResult } from './tool';

export function failure(content: string): ToolResult {
  return { content, isError: true };
}

/** Wraps a tool's `run` so a refusal from the workspace or an unexpected error becomes a result. */
export function reportingFailures<Args>(run: (args: Args, ctx: ToolContext) => Promise<ToolResult>): (args: Args, ctx: ToolContext) => Promise<ToolResult> {
  return async (args, ctx) => {
    try {
      return await run(args, ctx);
    } catch (error) {
      if (error instanceof WorkspaceError) return failure(error.message);
      if (ctx.signal.aborted) return failure('Cancelled.');
      return failure(`${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
