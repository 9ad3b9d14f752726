// Modes of the user's own: `.ouro/modes/<id>.md`, front matter `name`, `description`, `tools` (only
// these are offered; all of Agent's when it is missing) and `model`, then the instructions the
// model gets with each message sent in the mode. They show in the mode switcher after the
// built-in ones.
import * as z from 'zod';
import { splitFrontMatter } from '../frontMatter';
import { listNamedFiles, type FileCheck } from '../markdownFiles/namedFiles';
import type { MarkdownSource } from '../markdownFiles/markdownSources';
import { describeFileIssues } from '../schemaIssues';
import { namedToolSource } from '../prompts/promptTools';
import type { ToolSource } from '../toolSource';
import type { Tool } from '../tools/tool';
import { CHAT_MODES, isChatMode, MODE_ID, modeToolSource, toolsForMode, withModeInstruction, type ChatMode, type ModeId } from './chatMode';

export interface CustomMode {
  /** The file's name without `.md`: what the conversation keeps. */
  id: string;
  /** What the switcher shows; the id when the file names none. */
  name: string;
  description?: string;
  tools?: string[];
  model?: string;
  instructions: string;
  source: string;
}

const frontMatterSchema = z.looseObject({
  name: z.string().trim().min(1).max(40, 'keep it to 40 characters: it shows beside the model name').regex(/^[^"\n]+$/, 'leave out double quotes').optional(),
  description: z.string().trim().max(500).optional(),
  tools: z.array(z.string().trim().min(1)).optional(),
  model: z.string().trim().min(1).optional(),
});

export function parseModeFile(text: string, id: string, source: string): FileCheck<CustomMode> {
  if (!MODE_ID.test(id)) return { ok: false, problem: 'its name must be letters, digits, "-" and "_" (at most 40)' };
  const split = splitFrontMatter(text);
  if (!split.ok) return split;
  const parsed = frontMatterSchema.safeParse(split.data ?? {});
  if (!parsed.success) return { ok: false, problem: describeFileIssues(parsed.error.issues) };
  const { name, description, tools, model } = parsed.data;
  return {
    ok: true,
    value: { id, name: name ?? id, instructions: split.body, source, ...(description ? { description } : {}), ...(tools ? { tools } : {}), ...(model ? { model } : {}) },
  };
}

export async function listCustomModes(sources: readonly MarkdownSource[]): Promise<{ modes: CustomMode[]; problems: string[] }> {
  const { items, problems } = await listNamedFiles(sources, { parse: parseModeFile, reserved: new Set(CHAT_MODES), reservedWhat: 'a built-in mode' });
  return { modes: items, problems };
}

/** The message as the model gets it in the mode: the mode's instructions after the user's words. */
export function withCustomModeInstruction(mode: Pick<CustomMode, 'name' | 'instructions'>, content: string): string {
  return mode.instructions ? `${content}\n\n[Custom mode "${mode.name}": ${mode.instructions}]` : content;
}

/** A mode as a message is sent in it: the built-in mode whose tools it starts from, and the custom mode if it is one. */
export interface ResolvedMode {
  base: ChatMode;
  custom?: CustomMode;
}

/** Undefined when `id` is neither a built-in mode nor one of `custom` (its file is gone or broken). */
export function resolveMode(id: ModeId, custom: readonly CustomMode[]): ResolvedMode | undefined {
  if (isChatMode(id)) return { base: id };
  const found = custom.find((mode) => mode.id === id);
  return found ? { base: 'agent', custom: found } : undefined;
}

/** The tools a message in the mode is offered: the built-in mode's, then only those the custom mode names. */
export function modeTools(mode: ResolvedMode, source: ToolSource): ToolSource {
  const base = modeToolSource(mode.base, source);
  return mode.custom?.tools ? namedToolSource(mode.custom.tools, base) : base;
}

/** The same choice on a list (the context meter's count of the specs): the built-in mode's tools, then only those the custom mode names. */
export function toolsInMode<T extends Pick<Tool, 'name' | 'kind'>>(mode: ResolvedMode, tools: readonly T[]): T[] {
  const allowed = toolsForMode(mode.base, tools);
  const named = mode.custom?.tools && new Set(mode.custom.tools);
  return named ? allowed.filter((tool) => named.has(tool.name)) : allowed;
}

export function messageInMode(mode: ResolvedMode, content: string): string {
  return mode.custom ? withCustomModeInstruction(mode.custom, content) : withModeInstruction(mode.base, content);
}
