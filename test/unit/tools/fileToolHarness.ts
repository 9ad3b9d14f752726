// Runs the file tools the way the loop does (arguments validated by the tool's schema first)
// against a NodeWorkspace on a real temp folder, with a reviewer the test can script.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeWorkspace, type NodeWorkspaceOptions } from '../../../src/agent/workspace/nodeWorkspace';
import type { Proposal, ProposalOutcome } from '../../../src/agent/workspace/workspace';
import type { Tool, ToolContext, ToolResult } from '../../../src/agent/tools/tool';

export async function runTool(tool: Tool, args: unknown, workspace: NodeWorkspace): Promise<ToolResult> {
  const parsed = tool.schema.parse(args);
  const ctx: ToolContext = {
    workspace,
    approver: { approve: async () => ({ approved: true }) },
    signal: new AbortController().signal,
    toolCallId: 'call-1',
    emit: () => undefined,
  };
  return tool.run(parsed, ctx);
}

/**
 * A workspace whose reviewer the test scripts: it records each proposal, and `review` may touch
 * the disk (another editor saving) or change the content (the user editing the diff).
 */
export class ScriptedWorkspace extends NodeWorkspace {
  readonly proposals: Proposal[] = [];

  constructor(
    private readonly root: string,
    private readonly review: (proposal: Proposal, workspace: ScriptedWorkspace) => Promise<ProposalOutcome | Proposal> = async (p) => p,
    options: NodeWorkspaceOptions = { approve: 'all' },
  ) {
    super(root, options);
  }

  override async propose(proposal: Proposal, signal?: AbortSignal): Promise<ProposalOutcome> {
    this.proposals.push(proposal);
    const reviewed = await this.review(proposal, this);
    if ('status' in reviewed) return reviewed;
    const outcome = await super.propose(reviewed, signal);
    if (outcome.status === 'accepted' && reviewed.content !== proposal.content) return { ...outcome, userModified: true };
    return outcome;
  }

  /** Another program writes the file while the proposal is under review. */
  async changeOnDisk(path: string, content: string): Promise<void> {
    await writeFile(join(this.root, path), content);
  }
}
