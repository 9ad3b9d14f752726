// The tools for each step: the built-in ones plus the self-made ones under .ouro/tools/, read
// again when something may have changed. The CLI reloads before every step; an editor can
// reload only when its file watcher calls `changed()`. A broken tool is reported once, when it
// breaks, not on every step.
import type { ToolSet } from '../toolSource';
import type { Tool } from '../tools/tool';
import type { Workspace } from '../workspace/workspace';
import { loadCustomTools, type CustomToolProblem, type ManifestCache } from './loadCustomTools';

export interface CustomToolSourceOptions {
  /** Reload on every step (the CLI); false means only after `changed()` (an editor's file watcher). */
  reloadEveryStep?: boolean;
  /** Told about each new problem as it is found (the CLI prints it). */
  onProblem?: (problem: CustomToolProblem) => void;
  /** After each step's tool results, ask the model whether a tool of its own would help (a reflection step). */
  reflect?: boolean;
}

/** The reflection step's question, riding on the latest tool result. */
export const REFLECTION_NOTE = 'Before you go on: would a tool of your own (.ouro/tools/) make the rest of this task faster or surer? If so, write or fix it now; if not, carry on.';

export class CustomToolSource {
  private readonly cache: ManifestCache = new Map();
  private loaded: { tools: Tool[]; problems: CustomToolProblem[] } | undefined;
  private reported = new Set<string>();
  private offered: readonly Tool[] = [];
  private steps = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly builtIn: readonly Tool[],
    private readonly options: CustomToolSourceOptions = {},
  ) {}

  /** Something under .ouro/tools/ changed: read it again before the next step. */
  changed(): void {
    this.loaded = undefined;
  }

  /** The loop's ToolSource: `runAgent(conversation, { tools: source.forStep, ... })`. */
  readonly forStep = async (): Promise<ToolSet> => {
    if (!this.loaded || this.options.reloadEveryStep !== false) {
      this.loaded = await loadCustomTools(this.workspace, this.builtIn.map((tool) => tool.name), this.cache).catch((err: unknown) => ({
        tools: this.loaded?.tools ?? [],
        problems: [{ folder: '.ouro/tools', problem: `Self-made tools could not be loaded: ${err instanceof Error ? err.message : String(err)}` }],
      }));
    }
    const current = new Set(this.loaded.problems.map((entry) => entry.problem));
    const fresh = this.loaded.problems.filter((entry) => !this.reported.has(entry.problem));
    // Forget fixed problems, so one that comes back is reported again.
    this.reported = current;
    for (const entry of fresh) this.options.onProblem?.(entry);
    const tools = [...this.builtIn, ...this.loaded.tools];
    // The same list as last step when nothing changed, so its specs need not be made again.
    if (tools.length !== this.offered.length || tools.some((tool, i) => tool !== this.offered[i])) this.offered = tools;
    const notes = fresh.map((entry) => entry.problem);
    // From the second step on, the step before ended with tool results the question can follow.
    if (this.options.reflect && ++this.steps > 1) notes.push(REFLECTION_NOTE);
    return { tools: this.offered, notes };
  };
}
