// A Workspace that checkpoints every write the agent proposes: before the proposal goes to
// review, what the file holds now (or that it does not exist) is recorded and saved, so even a
// crash right after the write leaves a way back. A write that is not accepted leaves no trace.
import type { Message } from './conversation';
import { contentHash, isRecorded, type FileCheckpoint } from './history/checkpoints';
import { decodeText, withBom } from './workspace/text';
import type { Proposal, ProposalOutcome, Workspace } from './workspace/workspace';
import { withPropose } from './workspace/withPropose';

export interface CheckpointTarget {
  /** The conversation's checkpoints; entries are appended (and removed when a write is not accepted). */
  checkpoints: FileCheckpoint[];
  /** The conversation's messages, to find the message whose tool call proposes the write. */
  messages(): readonly Message[];
  /** Saves the conversation; awaited before the write is proposed. */
  save?(): Promise<void>;
}

export function recordingWorkspace(workspace: Workspace, target: CheckpointTarget): Workspace {
  return withPropose(workspace, async (proposal: Proposal, signal?: AbortSignal): Promise<ProposalOutcome> => {
    const path = (await workspace.resolve(proposal.path)).display;
    const messageIndex = messageIndexOfCall(target.messages(), proposal.toolCallId);
    let entry: FileCheckpoint | undefined;
    if (!isRecorded(target.checkpoints, path, messageIndex)) {
      const before = await contentBefore(workspace, path);
      if (before) {
        entry = { path, messageIndex, toolCallId: proposal.toolCallId, ...before };
        target.checkpoints.push(entry);
        await target.save?.();
      }
    }
    let outcome: ProposalOutcome | undefined;
    try {
      outcome = await workspace.propose(proposal, signal);
      return outcome;
    } finally {
      const recorded = entry ?? target.checkpoints.find((item) => item.path === path && item.messageIndex === messageIndex);
      if (outcome?.status === 'accepted' && recorded) recorded.written = contentHash(outcome.content);
      else if (entry) target.checkpoints.splice(target.checkpoints.indexOf(entry), 1);
    }
  });
}

/** The assistant message that carries the call; the last message when none does (a host-made proposal). */
export function messageIndexOfCall(messages: readonly Message[], toolCallId: string): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === 'assistant' && message.toolCalls?.some((call) => call.id === toolCallId)) return i;
  }
  return Math.max(0, messages.length - 1);
}

/** Text as proposals carry it (a BOM as U+FEFF), or base64 when it is not UTF-8; undefined if unreadable. */
async function contentBefore(workspace: Workspace, path: string): Promise<Pick<FileCheckpoint, 'before' | 'encoding'> | undefined> {
  try {
    const stat = await workspace.stat(path);
    if (!stat) return { before: null };
    if (stat.type !== 'file') return undefined;
    const bytes = await workspace.readFile(path);
    const decoded = decodeText(bytes);
    if (decoded.kind === 'text' && !decoded.lossy) return { before: withBom(decoded.text, decoded.bom) };
    return { before: Buffer.from(bytes).toString('base64'), encoding: 'base64' };
  } catch {
    // A file the workspace will not read (a secret, say): the proposal goes on unrecorded.
    return undefined;
  }
}
