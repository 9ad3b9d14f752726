// `/name args` typed in the chat: the built-in commands, wired to what the chat already does, and
// the prompt files, expanded into the message the model gets (the chat shows what was typed).
// Prompt files are read again each time: an edit counts from the next `/`.
import * as vscode from 'vscode';
import type { ChatMode } from '../../agent/modes/chatMode';
import { expandPrompt, type PromptFile } from '../../agent/prompts/promptFile';
import { findPrompt, listPrompts, type PromptList } from '../../agent/prompts/promptLibrary';
import { homePromptSource, workspacePromptSources } from '../../agent/markdownFiles/markdownSources';
import type { Workspace } from '../../agent/workspace/workspace';
import type { SlashCommandView } from '../../protocol/messages';
import { BUILT_IN_COMMANDS, parseSlash } from './slashCommandLine';

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
}

export class SlashCommands {
  constructor(
    private readonly workspace: Workspace,
    private readonly actions: SlashActions,
    private readonly log: (line: string) => void,
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
    const list = await this.prompts();
    return { commands: [...BUILT_IN_COMMANDS, ...list.prompts.map(promptView)], problems: list.problems };
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
      case 'help':
        actions.notice(await this.help());
        return true;
      default:
        return this.runPrompt(text, slash.name, slash.args);
    }
  }

  private async runPrompt(text: string, name: string, args: string): Promise<boolean> {
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

function promptView(prompt: PromptFile): SlashCommandView {
  return { name: prompt.name, kind: 'prompt', takesArguments: true, source: prompt.source, ...(prompt.description ? { description: prompt.description } : {}) };
}
