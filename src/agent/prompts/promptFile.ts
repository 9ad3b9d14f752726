// A prompt file: a message the user keeps to send again as `/name args`. VS Code's
// `.github/prompts/<name>.prompt.md` and Ouro's `.ouro/commands/<name>.md`: optional front matter
// (`description`, `mode`, `tools`, `model`), then the text, where `$ARGUMENTS` stands for the
// words after the name and `${input:name}` (or `${input:name:placeholder}`) for a value the user
// gives as `name=value` (or is asked for).
import * as z from 'zod';
import { splitFrontMatter } from '../frontMatter';
import { CHAT_MODES, type ChatMode } from '../modes/chatMode';
import { describeFileIssues } from '../schemaIssues';

export interface PromptFile {
  /** What follows the slash. */
  name: string;
  description?: string;
  /** The mode the message is sent in (the conversation's stays as it was). */
  mode?: ChatMode;
  /** Only these tools are offered for the message. */
  tools?: string[];
  /** The model the message is sent to. */
  model?: string;
  /** The text after the front matter. */
  body: string;
  /** Where it was read, as the user would write it: ".ouro/commands/fix.md". */
  source: string;
}

export type PromptFileCheck = { ok: true; prompt: PromptFile } | { ok: false; problem: string };

export const PROMPT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const frontMatterSchema = z.looseObject({
  description: z.string().trim().max(500, 'keep it under 500 characters: the picker shows it on one line').optional(),
  // VS Code's `edit` mode makes changes with the user reviewing them: Ouro's Agent does that.
  mode: z.preprocess((mode) => (mode === 'edit' ? 'agent' : mode), z.enum(CHAT_MODES, { error: `use one of ${CHAT_MODES.join(', ')}` }).optional()),
  tools: z.array(z.string().trim().min(1)).optional(),
  model: z.string().trim().min(1).optional(),
});

export function parsePromptFile(text: string, name: string, source: string): PromptFileCheck {
  if (!PROMPT_NAME.test(name)) return { ok: false, problem: 'its name must be letters, digits, ".", "-" and "_" (it is typed after the slash)' };
  const split = splitFrontMatter(text);
  if (!split.ok) return split;
  const parsed = frontMatterSchema.safeParse(split.data ?? {});
  if (!parsed.success) return { ok: false, problem: describeFileIssues(parsed.error.issues) };
  if (!split.body) return { ok: false, problem: 'it has no text after its front matter: nothing to send' };
  const { description, mode, tools, model } = parsed.data;
  return {
    ok: true,
    prompt: { name, body: split.body, source, ...(description ? { description } : {}), ...(mode ? { mode } : {}), ...(tools ? { tools } : {}), ...(model ? { model } : {}) },
  };
}

const INPUT = /\$\{input:([A-Za-z_][\w-]*)(?::([^}]*))?\}/g;
const NAMED_ARGUMENT = /(?:^|\s)([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|(\S+))/g;

export interface PromptInput {
  name: string;
  placeholder?: string;
}

/** The `${input:...}` values the body asks for, each once, in order. */
export function promptInputs(body: string): PromptInput[] {
  const seen = new Map<string, PromptInput>();
  for (const match of body.matchAll(INPUT)) {
    if (!seen.has(match[1])) seen.set(match[1], { name: match[1], ...(match[2] ? { placeholder: match[2] } : {}) });
  }
  return [...seen.values()];
}

/**
 * The `name=value` words of `args` whose names are `wanted` (quotes for spaces), and the words
 * left when they are taken out. A pair naming nothing wanted stays among the words.
 */
export function takeNamedArguments(args: string, wanted: ReadonlySet<string>): { values: Record<string, string>; rest: string } {
  const values: Record<string, string> = {};
  const rest = args
    .replace(NAMED_ARGUMENT, (whole, name: string, double?: string, single?: string, bare?: string) => {
      if (!wanted.has(name)) return whole;
      values[name] = double ?? single ?? bare ?? '';
      return /^\s/.test(whole) ? whole[0] : '';
    })
    .trim();
  return { values, rest };
}

export interface Expansion {
  text: string;
  /** Inputs the arguments did not give: ask the user, then expand again with `given`. */
  missing: PromptInput[];
}

/**
 * The body with `${input:name}` taken from `name=value` arguments (or `given`) and `$ARGUMENTS`
 * from the rest. Words given to a file without `$ARGUMENTS` go after its text, so none are lost.
 */
export function expandPrompt(body: string, args: string, given: Readonly<Record<string, string>> = {}): Expansion {
  const named = takeNamedArguments(args, new Set(promptInputs(body).map((input) => input.name)));
  const values: Record<string, string> = { ...given, ...named.values };
  const rest = named.rest;
  const missing = promptInputs(body).filter((input) => values[input.name] === undefined);
  let text = body.replace(INPUT, (whole, name: string) => values[name] ?? whole);
  if (text.includes('$ARGUMENTS')) text = text.replaceAll('$ARGUMENTS', () => rest);
  else if (rest) text = `${text}\n\n${rest}`;
  return { text, missing };
}
