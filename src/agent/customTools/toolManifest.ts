// tool.json: what makes a folder under .ouro/tools/ a tool. Parsed and checked here, as pure
// functions, so every way it can be wrong has one exact message for the model that wrote it.
import * as z from 'zod';
import { describeFileIssues } from '../schemaIssues';
import { compileParameters } from './parameterSchema';
import type { ValidateFunction } from 'ajv';

export const TOOLS_FOLDER = '.ouro/tools';
export const MANIFEST_FILE = 'tool.json';

// What OpenAI-compatible servers accept as a function name.
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const manifestSchema = z.strictObject({
  name: z.string().regex(TOOL_NAME, 'use 1 to 64 letters, digits, _ or -'),
  description: z.string().trim().min(1, 'say in a sentence what the tool does').max(1024, 'keep it under 1,024 characters: every request pays for it'),
  parameters: z.record(z.string(), z.unknown(), { error: 'give a JSON schema object, like {"type": "object", "properties": {...}}' }),
  command: z.union([z.string().min(1), z.array(z.string().min(1)).min(1, 'the argv array is empty: give at least the program to run')], {
    error: 'give the name of a script in the tool\'s folder ("run.py"), or an argv array (["python3", "run.py", "--fast"])',
  }),
  timeout_s: z.number().positive().max(3600).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** A tool ready to be offered: its manifest checked, its command resolved, its schema compiled. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  validate: ValidateFunction;
  /** The program and its arguments; a word that names a file of the tool's folder is that file's path relative to it. */
  argv: string[];
  /** Which words of `argv` name files in the tool's folder. */
  toolFiles: boolean[];
  timeoutMs?: number;
}

export type ManifestCheck = { ok: true; tool: ToolDefinition } | { ok: false; problem: string };

// A script named as the command runs with the interpreter its extension calls for.
const INTERPRETERS: Record<string, string[]> = {
  '.js': ['node'],
  '.mjs': ['node'],
  '.cjs': ['node'],
  '.py': ['python3'],
  '.sh': ['bash'],
};

/**
 * Checks the text of `<folder>/tool.json`. `files` are the names in the tool's folder (the
 * command's script must be one of them); `taken` are the names other tools already use.
 */
export function checkManifest(text: string, folder: { name: string; files: readonly string[] }, taken: ReadonlySet<string>): ManifestCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `it is not valid JSON (${(err as Error).message})` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: describeFileIssues(parsed.error.issues) };
  const manifest = parsed.data;
  if (manifest.name !== folder.name) return { ok: false, problem: `name is "${manifest.name}" but the folder is "${folder.name}": they must be the same` };
  if (taken.has(manifest.name)) return { ok: false, problem: `name "${manifest.name}" is already taken by another tool; choose another name (and rename the folder)` };
  const compiled = compileParameters(manifest.parameters);
  if (!compiled.ok) return { ok: false, problem: compiled.problem };
  const argv = commandWords(manifest.command, folder.files);
  if (typeof argv === 'string') return { ok: false, problem: argv };
  return {
    ok: true,
    tool: {
      name: manifest.name,
      description: manifest.description,
      parameters: manifest.parameters,
      validate: compiled.validate,
      argv: argv.words,
      toolFiles: argv.toolFiles,
      ...(manifest.timeout_s ? { timeoutMs: Math.round(manifest.timeout_s * 1000) } : {}),
    },
  };
}

function commandWords(command: string | string[], files: readonly string[]): { words: string[]; toolFiles: boolean[] } | string {
  const present = new Set(files);
  const own = (word: string) => present.has(word.replace(/^\.\//, ''));
  if (typeof command === 'string') {
    const script = command.trim().replace(/^\.\//, '');
    if (!present.has(script)) {
      const hint = /\s/.test(script) ? ' (to pass arguments, give command as an array: ["python3", "run.py", "--fast"])' : '';
      return `command "${command}" is not a file in the tool's folder${hint}; it has: ${files.join(', ') || 'nothing'}`;
    }
    const interpreter = INTERPRETERS[extensionOf(script)] ?? [];
    return { words: [...interpreter, script], toolFiles: [...interpreter.map(() => false), true] };
  }
  const words = command.map((word) => (own(word) ? word.replace(/^\.\//, '') : word));
  return { words, toolFiles: command.map(own) };
}

function extensionOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot <= 0 ? '' : file.slice(dot).toLowerCase();
}
