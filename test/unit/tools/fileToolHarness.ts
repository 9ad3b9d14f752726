// Runs the file tools the way the loop does (arguments validated by the tool's schema first)
// against a NodeWorkspace on a real temp folder, with a reviewer the test can script.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeWorkspace, type NodeWorkspaceOptions } from '../../../src/agent/workspace/nodeWorkspace';
import type { Proposal, ProposalOutcome, Workspace } from '../../../src/agent/workspace/workspace';
import type { Tool, ToolResult } from '../../../src/agent/tools/tool';
import { createToolContext } from '../../../src/agent/toolContext';

export async function runTool(tool: Tool, args: unknown, workspace: Workspace): Promise<ToolResult> {
  const approver = { approve: async () => ({ approved: true }) };
  const ctx = createToolContext({ workspace, approver, signal: new AbortController().signal }, 'call-1', () => undefined);
  return tool.run(tool.schema.parse(args), ctx);
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
