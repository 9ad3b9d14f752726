// The custom modes of the workspace (.ouro/modes/*.md), read again whenever the chat needs them
// (a few small files), so an edit shows at once. A broken file is logged once, with the reason.
import { listCustomModes, resolveMode, type CustomMode, type ResolvedMode } from '../../agent/modes/customMode';
import type { ModeId } from '../../agent/modes/chatMode';
import { workspaceModeSources } from '../../agent/markdownFiles/markdownSources';
import type { Workspace } from '../../agent/workspace/workspace';
import type { CustomModeView } from '../../protocol/messages';

export class ChatModes {
  private logged = new Set<string>();

  constructor(
    private readonly workspace: Workspace,
    private readonly warn: (line: string) => void,
  ) {}

  async list(): Promise<CustomMode[]> {
    const { modes, problems } = await listCustomModes(workspaceModeSources(this.workspace));
    for (const problem of problems) if (!this.logged.has(problem)) this.warn(`modes: ${problem}`);
    this.logged = new Set(problems);
    return modes;
  }

  async views(): Promise<CustomModeView[]> {
    return (await this.list()).map((mode) => ({ id: mode.id, name: mode.name, ...(mode.description ? { description: mode.description } : {}) }));
  }

  /** Undefined when `id` is no mode now (its file is gone or broken). */
  async resolve(id: ModeId): Promise<ResolvedMode | undefined> {
    return resolveMode(id, await this.list());
  }
}
