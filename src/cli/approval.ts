// Approvals in a terminal: the --approve policy decides, and when it does not allow an action
// and a person is at the keyboard, they are asked.
import { createInterface } from 'node:readline/promises';
import type { Proposal } from '../agent/workspace/workspace';
import type { ApprovalDecision, ApprovalRequest, Approver } from '../agent/tools/tool';
import type { CliOptions } from './args';

async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function createCliConfirm(): (proposal: Proposal, protectedWhy?: string) => Promise<boolean> {
  return (proposal, protectedWhy) => askYesNo(`${protectedWhy ? `${protectedWhy}\n` : ''}Apply ${proposal.summary} to ${proposal.path}?`);
}

export function createCliApprover(options: Pick<CliOptions, 'approve'>, interactive: boolean): Approver {
  return {
    async approve(request: ApprovalRequest): Promise<ApprovalDecision> {
      if (options.approve === 'all' || (request.kind === 'edit' && options.approve === 'edits')) return { approved: true };
      if (interactive) {
        const approved = await askYesNo(`${request.title}${request.detail ? `\n${request.detail}\n` : ''}`);
        return approved ? { approved } : { approved, reason: 'the user said no' };
      }
      const narrower = request.web ? ' or --allow-domain DOMAIN' : request.kind === 'execute' ? ' or --allow PREFIX' : '';
      return { approved: false, reason: `not allowed in this run: the user can allow it with --approve all${narrower}` };
    },
  };
}
