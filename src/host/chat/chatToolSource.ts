// The tools of one chat in the editor: the built-in ones (with use_skill once the workspace has
// skills) and the self-made ones under .ouro/tools/, each wrapped for the chat. Unlike the CLI,
// it does not read .ouro/ before every step: only after the editor's file watcher saw a change
// there, or after a call that wrote there (the watcher may report a write only after the next
// step has begun). Pure: the watcher is the host's.
import { CustomToolSource } from '../../agent/customTools/customToolSource';
import type { SkillLibrary, SkillList } from '../../agent/skills/skillLibrary';
import type { ToolSource } from '../../agent/toolSource';
import type { Tool } from '../../agent/tools/tool';
import type { Workspace } from '../../agent/workspace/workspace';

export interface ChatToolSourceOptions {
  workspace: Workspace;
  skills: SkillLibrary;
  /** The built-in tools; `skills` only when there are any (use_skill is offered then). */
  builtIn(skills: SkillLibrary | undefined): Tool[];
  /** Wraps one tool for the chat (approvals on its call's card). */
  forChat(tool: Tool): Tool;
  /** Notes from elsewhere for the next step (problems reported on an edited file after its result). */
  lateNotes?(): string[];
  /** Told about each new problem with a self-made tool or a skill (the agent hears it in a note). */
  onProblem?(problem: string): void;
}

const UNDER_TOOLS = /(^|[\\/])\.ouro[\\/]tools([\\/]|$)/;
const UNDER_SKILLS = /(^|[\\/])\.ouro[\\/]skills([\\/]|$)/;

export class ChatToolSource {
  private custom: CustomToolSource | undefined;
  /** The skills known so far; undefined before the first step (the prompt lists those). */
  private skillNames: Set<string> | undefined;
  private reportedSkillProblems = new Set<string>();
  private readonly wrapped = new WeakMap<Tool, Tool>();
  private offered: { from: readonly Tool[]; tools: Tool[] } | undefined;

  constructor(private readonly options: ChatToolSourceOptions) {}

  /** Something under .ouro/tools/ changed: read the self-made tools again before the next step. */
  toolsChanged(): void {
    this.custom?.changed();
  }

  /** Something under .ouro/skills/ changed: list the skills again before the next step. */
  skillsChanged(): void {
    this.custom = undefined;
  }

  readonly forStep: ToolSource = async () => {
    const notes: string[] = [];
    if (!this.custom) {
      const { skills, problems } = await listSkills(this.options.skills);
      if (this.skillNames) {
        for (const skill of skills) if (!this.skillNames.has(skill.name)) notes.push(`New skill ${skill.name}: ${skill.description} (load it with use_skill).`);
      }
      this.skillNames = new Set(skills.map((skill) => skill.name));
      const fresh = problems.filter((problem) => !this.reportedSkillProblems.has(problem));
      this.reportedSkillProblems = new Set(problems);
      for (const problem of fresh) this.options.onProblem?.(problem);
      notes.push(...fresh);
      this.custom = new CustomToolSource(this.options.workspace, this.options.builtIn(skills.length > 0 ? this.options.skills : undefined), {
        reloadEveryStep: false,
        onProblem: (entry) => this.options.onProblem?.(entry.problem),
      });
    }
    const set = await this.custom.forStep();
    // The same list as last step when nothing changed, so the loop need not make its specs again.
    if (this.offered?.from !== set.tools) this.offered = { from: set.tools, tools: set.tools.map((tool) => this.chatTool(tool)) };
    return { tools: this.offered.tools, notes: [...notes, ...(set.notes ?? []), ...(this.options.lateNotes?.() ?? [])] };
  };

  private chatTool(tool: Tool): Tool {
    let wrapped = this.wrapped.get(tool);
    if (!wrapped) {
      const forChat = this.options.forChat(tool);
      wrapped = tool.kind !== 'edit' ? forChat : { ...forChat, run: (args, ctx) => forChat.run(args, ctx).finally(() => this.wrote(args)) };
      this.wrapped.set(tool, wrapped);
    }
    return wrapped;
  }

  private wrote(args: unknown): void {
    const path = (args as { path?: unknown } | null)?.path;
    if (typeof path !== 'string') return;
    if (UNDER_TOOLS.test(path)) this.toolsChanged();
    if (UNDER_SKILLS.test(path)) this.skillsChanged();
  }
}

/** The skills, or the reason they could not be listed as a problem: the chat goes on without them. */
export function listSkills(library: SkillLibrary): Promise<SkillList> {
  return library.list().catch((err: unknown) => ({ skills: [], problems: [`Skills could not be listed: ${err instanceof Error ? err.message : String(err)}`] }));
}
