// Approvals through the editor: what the --approve policy does not allow becomes a
// `session/request_permission` with Allow, Always allow and Reject. Always allow lasts for the
// session: for edits, every later edit (a protected path and a very large write still ask); for
// a command, the allow rule the chat's card would offer (`npm test`), added to the session's
// rules; for anything else (a fetch, an MCP tool), the same request again.
import type { PermissionOption, ToolCallUpdate } from '@agentclientprotocol/sdk';
import { suggestAllowRules } from '../../agent/commands/allowSuggestion';
import { loadShellParser } from '../../agent/commands/shellParser';
import type { ApprovalDecision, ApprovalPolicy, ApprovalRequest, Approver } from '../../agent/tools/tool';
import { LARGE_WRITE_BYTES, type Proposal } from '../../agent/workspace/workspace';

export const ALLOW_ONCE = 'allow-once';
export const ALLOW_ALWAYS = 'allow-always';
export const REJECT = 'reject';

/** Asks the editor; resolves with the chosen option's id, or undefined when the turn was cancelled. */
export type AskPermission = (toolCall: ToolCallUpdate, options: PermissionOption[]) => Promise<string | undefined>;

export interface SessionPermissionsOptions {
  ask: AskPermission;
  policy: ApprovalPolicy;
  /** The session's command allow rules, read by its command runner on every call: Always allow adds to it. */
  allowRules: string[];
  /** The tool call running now (the loop runs a turn's calls one at a time). */
  currentCall(): string | undefined;
  /** A proposal's display path as the absolute path the editor knows. */
  absolutePath(path: string): string;
}

const REFUSED = 'the user rejected it in the editor';
const CANCELLED = 'the user stopped the turn before deciding';

export class SessionPermissions {
  private editsAllowed = false;
  private readonly allowedRequests = new Set<string>();

  constructor(private readonly options: SessionPermissionsOptions) {}

  /** For the workspace's `confirm`: a write the policy does not allow. */
  readonly confirmEdit = async (proposal: Proposal, protectedWhy?: string): Promise<boolean> => {
    const large = Buffer.byteLength(proposal.content, 'utf8') > LARGE_WRITE_BYTES;
    if (this.editsAllowed && !protectedWhy && !large) return true;
    const path = this.options.absolutePath(proposal.path);
    const toolCall: ToolCallUpdate = {
      toolCallId: proposal.toolCallId,
      title: `${proposal.summary} (${proposal.path})`,
      kind: 'edit',
      status: 'pending',
      locations: [{ path }],
      content: [
        ...(protectedWhy ? [textContent(protectedWhy)] : []),
        { type: 'diff', path, oldText: proposal.original ?? null, newText: proposal.content },
      ],
    };
    const always = protectedWhy || large ? [] : [option(ALLOW_ALWAYS, 'Allow all edits in this session', 'allow_always')];
    const answer = await this.options.ask(toolCall, [option(ALLOW_ONCE, 'Allow', 'allow_once'), ...always, option(REJECT, 'Reject', 'reject_once')]);
    if (answer === ALLOW_ALWAYS && always.length > 0) this.editsAllowed = true;
    return answer === ALLOW_ONCE || answer === ALLOW_ALWAYS;
  };

  /** For the loop: commands, fetches, MCP and self-made tools. */
  readonly approver: Approver = {
    approve: async (request: ApprovalRequest): Promise<ApprovalDecision> => {
      const { policy } = this.options;
      if (policy === 'all' || (request.kind === 'edit' && policy === 'edits')) return { approved: true };
      const key = `${request.kind}\n${request.command ?? request.title}`;
      if (this.allowedRequests.has(key)) return { approved: true };
      const rules = request.command === undefined ? undefined : await allowRulesFor(request.command);
      // A command no rule can cover (it redirects, substitutes...) is asked about every time.
      const always = request.command === undefined ? 'Always allow in this session' : rules ? `Always allow ${rules.map((rule) => `\`${rule}\``).join(', ')}` : undefined;
      const toolCall: ToolCallUpdate = {
        toolCallId: this.options.currentCall() ?? `approval-${key}`,
        title: request.title,
        kind: request.kind === 'execute' ? (request.web ? 'fetch' : 'execute') : 'edit',
        status: 'pending',
        ...(request.detail ? { content: [textContent(request.detail)] } : {}),
      };
      const options = [option(ALLOW_ONCE, 'Allow', 'allow_once'), ...(always ? [option(ALLOW_ALWAYS, always, 'allow_always')] : []), option(REJECT, 'Reject', 'reject_once')];
      const answer = await this.options.ask(toolCall, options);
      if (answer === undefined) return { approved: false, reason: CANCELLED };
      if (answer === ALLOW_ALWAYS && always) {
        if (rules) this.options.allowRules.push(...rules.filter((rule) => !this.options.allowRules.includes(rule)));
        else this.allowedRequests.add(key);
      }
      return answer === ALLOW_ONCE || answer === ALLOW_ALWAYS ? { approved: true } : { approved: false, reason: REFUSED };
    },
  };
}

async function allowRulesFor(command: string): Promise<string[] | undefined> {
  try {
    return suggestAllowRules(command, await loadShellParser());
  } catch {
    return undefined;
  }
}

function option(optionId: string, name: string, kind: PermissionOption['kind']): PermissionOption {
  return { optionId, name, kind };
}

function textContent(text: string): { type: 'content'; content: { type: 'text'; text: string } } {
  return { type: 'content', content: { type: 'text', text } };
}
