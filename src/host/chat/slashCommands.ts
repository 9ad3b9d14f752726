// `/name args` typed in the chat: the built-in commands, wired to what the chat already does, and
// the prompt files, expanded into the message the model gets (the chat shows what was typed).
// Prompt files are read again each time: an edit counts from the next `/`. The running MCP
// servers' prompts are `/mcp.<server>.<prompt>`.
import * as vscode from 'vscode';
import type { ChatMode } from '../../agent/modes/chatMode';
import { expandPrompt, type PromptFile } from '../../agent/prompts/promptFile';
import { findPrompt, listPrompts, type PromptList } from '../../agent/prompts/promptLibrary';
import { homePromptSource, workspacePromptSources } from '../../agent/markdownFiles/markdownSources';
import type { Workspace } from '../../agent/workspace/workspace';
import { fillPromptArguments, type McpPromptEntry } from '../../agent/mcp/mcpPrompts';
import type { SlashCommandView } from '../../protocol/messages';
import { BUILT_IN_COMMANDS, parseSlash } from './slashCommandLine';
import { parseTry } from './composerMenu';

const RESERVED = new Set(BUILT_IN_COMMANDS.map((command) => command.name));

/** What a message sent by a prompt file changes for that message only. */
export interface MessageOverride {
  /** What the model gets instead of the typed words. */
  content: string;
  mode?: ChatMode;
  tools?: string[];
  model?: string;
}

/** What the chat does for each built-in command. */
export interface SlashActions {
  newChat(): void;
  compact(): Promise<void>;
  undoLast(): Promise<void>;
  chooseModel(): Promise<void>;
  setMode(mode: ChatMode): void;
  /** Sends `text` as the user's message; `override` for a prompt file's. */
  send(text: string, override?: MessageOverride): Promise<void>;
  notice(text: string): void;
  /** `/try N words`: the words N ways, each in its own worktree. */
  tryWays(attempts: number, text: string): Promise<void>;
}

/** The MCP servers' prompts (`/mcp.<server>.<prompt>`). */
export interface McpPrompts {
  prompts(): Promise<McpPromptEntry[]>;
  getPrompt(entry: McpPromptEntry, values: Record<string, string>): Promise<string>;
}

export class SlashCommands {
  constructor(
    private readonly workspace: Workspace,
    private readonly actions: SlashActions,
    private readonly log: (line: string) => void,
    private readonly mcp?: McpPrompts,
    private readonly homeSource = homePromptSource(),
  ) {}

  /** The prompt files as they are on disk now, and what is wrong with the others. */
  async prompts(): Promise<PromptList> {
    const list = await listPrompts([...workspacePromptSources(this.workspace), this.homeSource], RESERVED);
    for (const problem of list.problems) this.log(`prompt files: ${problem}`);
    return list;
  }

  /** What the picker lists: the built-ins, then the prompt files with their descriptions. */
  async views(): Promise<{ commands: SlashCommandView[]; problems: string[] }> {
    const [list, mcp] = await Promise.all([this.prompts(), this.mcpPrompts()]);
    return { commands: [...BUILT_IN_COMMANDS, ...list.prompts.map(promptView), ...mcp.map(mcpPromptView)], problems: list.problems };
  }

  /** Runs `text` when it is a command; false when it is a message like any other. */
  async run(text: string): Promise<boolean> {
    const slash = parseSlash(text);
    if (!slash) return false;
    const { actions } = this;
    switch (slash.name) {
      case 'new':
        actions.newChat();
        return true;
      case 'compact':
        await actions.compact();
        return true;
      case 'undo':
        await actions.undoLast();
        return true;
      case 'model':
        await actions.chooseModel();
        return true;
      case 'agent':
      case 'ask':
      case 'plan':
        actions.setMode(slash.name);
        if (slash.args) await actions.send(slash.args);
        return true;
      case 'try': {
        const parsed = parseTry(slash.args);
        if ('problem' in parsed) actions.notice(parsed.problem);
        else await actions.tryWays(parsed.attempts, parsed.text);
        return true;
      }
      case 'help':
        actions.notice(await this.help());
        return true;
      default:
        return this.runPrompt(text, slash.name, slash.args);
    }
  }

  private async mcpPrompts(): Promise<McpPromptEntry[]> {
    try {
      return (await this.mcp?.prompts()) ?? [];
    } catch (err) {
      this.log(`MCP prompts: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  /** `/mcp.<server>.<prompt> words`: the server's prompt, its arguments from the words or asked for. */
  private async runMcpPrompt(text: string, entry: McpPromptEntry, args: string): Promise<void> {
    const { values, missing } = fillPromptArguments(entry.prompt.arguments, args);
    for (const argument of missing) {
      const value = await vscode.window.showInputBox({ title: `/${entry.command}`, prompt: argument.description ?? argument.name, placeHolder: argument.name, ignoreFocusOut: true });
      if (value === undefined) return this.actions.notice(`/${entry.command} was not sent: a value it asks for was not given.`);
      values[argument.name] = value;
    }
    let content: string;
    try {
      content = await this.mcp!.getPrompt(entry, values);
    } catch (err) {
      return this.actions.notice(`/${entry.command} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    await this.actions.send(text, { content });
  }

  private async runPrompt(text: string, name: string, args: string): Promise<boolean> {
    const entry = name.startsWith('mcp.') ? (await this.mcpPrompts()).find((each) => each.command === name) : undefined;
    if (entry) {
      await this.runMcpPrompt(text, entry, args);
      return true;
    }
    const list = await this.prompts();
    const prompt = findPrompt(list, name);
    if (!prompt) {
      const problem = list.problems.find((line) => line.includes(`/${name}.`) || line.includes(`/${name} `));
      this.actions.notice(problem ? `/${name} cannot run: ${problem}` : `There is no command /${name}. Type / to see the commands and prompt files.`);
      return true;
    }
    const content = await this.expand(prompt, args);
    if (content === undefined) {
      this.actions.notice(`/${name} was not sent: a value it asks for was not given.`);
      return true;
    }
    await this.actions.send(text, { content, ...(prompt.mode ? { mode: prompt.mode } : {}), ...(prompt.tools ? { tools: prompt.tools } : {}), ...(prompt.model ? { model: prompt.model } : {}) });
    return true;
  }

  /** The file's text with the arguments in; the user is asked for inputs they did not give. Undefined when they cancel. */
  private async expand(prompt: PromptFile, args: string): Promise<string | undefined> {
    const given: Record<string, string> = {};
    let expansion = expandPrompt(prompt.body, args);
    for (const input of expansion.missing) {
      const value = await vscode.window.showInputBox({ title: `/${prompt.name}`, prompt: input.name, placeHolder: input.placeholder, ignoreFocusOut: true });
      if (value === undefined) return undefined;
      given[input.name] = value;
    }
    if (expansion.missing.length > 0) expansion = expandPrompt(prompt.body, args, given);
    return expansion.text;
  }

  private async help(): Promise<string> {
    const { commands, problems } = await this.views();
    const lines = commands.map((command) => `/${command.name}${command.description ? `: ${command.description}` : ''}`);
    const trouble = problems.length ? `\nNot usable: ${problems.join('; ')}` : '';
    return `Commands (type / in the input to pick one): ${lines.join(' · ')}${trouble}`;
  }
}

function mcpPromptView(entry: McpPromptEntry): SlashCommandView {
  const description = entry.prompt.description ?? entry.prompt.title;
  return { name: entry.command, kind: 'mcp', takesArguments: (entry.prompt.arguments?.length ?? 0) > 0, source: `MCP server "${entry.server}"`, ...(description ? { description } : {}) };
}

function promptView(prompt: PromptFile): SlashCommandView {
  return { name: prompt.name, kind: 'prompt', takesArguments: true, source: prompt.source, ...(prompt.description ? { description: prompt.description } : {}) };
}
