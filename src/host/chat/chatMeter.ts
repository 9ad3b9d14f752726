// The chat's context meter, the usage line and the changed files, posted to the view once for
// any number of changes in a row. Before a conversation's first request it measures against the
// model the next message would go to: the opening prompt with the project's rules, the tool
// specs as the chat's mode offers them, and what is attached and not sent yet.
import * as vscode from 'vscode';
import type { ToolSpec } from '../../agent/model';
import { toolsInMode, type ResolvedMode } from '../../agent/modes/customMode';
import { buildSystemPrompt } from '../../agent/prompt';
import { loadProjectRules } from '../../agent/rules/projectRules';
import { createTools } from '../../agent/tools/index';
import type { Tool } from '../../agent/tools/tool';
import { toolSpecs } from '../../agent/toolSpecs';
import type { Model } from '../../agent/model';
import type { ChatMcpServers } from '../mcp/chatMcpServers';
import { createChatModel } from '../models/modelFactory';
import type { FileChanges } from '../review/fileChanges';
import type { ApiKeyStore } from '../settings/apiKeyStore';
import { readSettings } from '../settings/settings';
import type { VsCodeWorkspace } from '../workspace/vscodeWorkspace';
import { composeUserMessage } from './attachmentText';
import type { AttachmentStore } from './attachments';
import type { ChatAgent } from './chatAgent';
import type { ChatModes } from './chatModes';
import type { ChatViewProvider } from './chatViewProvider';

export interface ChatMeterDeps {
  view: ChatViewProvider;
  agent: ChatAgent;
  changes: FileChanges;
  attachments: AttachmentStore;
  apiKeys: ApiKeyStore;
  workspace: VsCodeWorkspace;
  mcp: ChatMcpServers;
  modes: ChatModes;
  log: vscode.LogOutputChannel;
}

export class ChatMeter {
  /** The project rules the chat's system prompt was built with, to tell them apart in the meter. */
  rules: string | undefined;
  private queued = false;
  /** The specs the model is sent (the chat's wrappers do not change them); `mode`: which tools (a custom mode's named ones). */
  private builtInSpecs: { mode: string; specs: ToolSpec[] } | undefined;
  private mcpSpecs: { from: readonly Tool[]; mode: string; specs: ToolSpec[] } | undefined;

  constructor(private readonly deps: ChatMeterDeps) {}

  /** The built-in tools' specs and those of the MCP and editor tools offered at the latest step, as the chat's mode offers them. */
  async specs(): Promise<ToolSpec[]> {
    const mode: ResolvedMode = (await this.deps.modes.resolve(this.deps.agent.mode)) ?? { base: 'agent' };
    const key = `${mode.base} ${mode.custom?.tools?.join(',') ?? '*'}`;
    const offered = this.deps.mcp.offered;
    if (this.builtInSpecs?.mode !== key) this.builtInSpecs = { mode: key, specs: toolSpecs(toolsInMode(mode, createTools())) };
    if (this.mcpSpecs?.from !== offered || this.mcpSpecs.mode !== key) this.mcpSpecs = { from: offered, mode: key, specs: toolSpecs(toolsInMode(mode, offered)) };
    return [...this.builtInSpecs.specs, ...this.mcpSpecs.specs];
  }

  /** Posts the usage, the context meter and the changed files, once for any number of changes in a row. */
  refresh(): void {
    if (this.queued) return;
    this.queued = true;
    setTimeout(() => {
      this.queued = false;
      const { view, changes, attachments, agent, log } = this.deps;
      view.post({ type: 'changedFiles', files: changes.list() });
      const attached = attachments.pending();
      Promise.all([this.specs(), agent.busy ? undefined : this.model()])
        .then(([specs, chosen]) => agent.meter(specs, this.rules, attached.length ? composeUserMessage('', attached) : '', chosen))
        .then(
          (meter) => view.post({ type: 'meter', ...meter }),
          (error: unknown) => log.warn(`context meter: ${error instanceof Error ? error.message : String(error)}`),
        );
    }, 50);
  }

  /** The model the next message would go to: nothing is asked, and nothing is said when none is set up. */
  private async model(): Promise<{ model: Model; window: number; opening?: string } | undefined> {
    const { modes, agent, apiKeys, workspace } = this.deps;
    const mode = await modes.resolve(agent.mode);
    const settings = { ...readSettings(), ...(mode?.custom?.model ? { model: mode.custom.model } : {}) };
    const choice = await createChatModel(settings, await apiKeys.stored(), () => undefined).catch(() => undefined);
    if (choice?.kind !== 'ready') return undefined;
    if (agent.conversation.messages.length > 0) return { model: choice.model, window: choice.window };
    // A new conversation's prompt with the project's rules (its skills are listed when it starts).
    const rules = await loadProjectRules(workspace).catch(() => undefined);
    this.rules = rules?.text;
    const opening = buildSystemPrompt({ folders: workspace.folders, os: process.platform, shell: vscode.env.shell || undefined, rules: rules?.text, webSearch: Boolean(settings.searxngUrl) });
    return { model: choice.model, window: choice.window, opening };
  }
}
