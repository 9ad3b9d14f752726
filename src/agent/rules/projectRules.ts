// Project rules for the system prompt: AGENTS.md at the root of each workspace folder (the
// convention shared by coding agents) and .ouro/rules/*.md, read through the Workspace port so
// ignore rules and path safety apply. Every request pays for them, so they are capped; the
// model is told where a file was cut so it can read the rest when it needs it.
import { loadTextFile } from '../tools/textFile';
import { filesIn, inEachFolder } from '../workspace/folderPaths';
import type { Workspace } from '../workspace/workspace';

export const AGENTS_FILE = 'AGENTS.md';
export const RULES_FOLDER = '.ouro/rules';

/** About 2,000 tokens: room for a real AGENTS.md without letting one file eat the context. */
export const DEFAULT_RULES_MAX_CHARS = 8000;

export interface RuleFile {
  /** The display path, as the chat shows it and read_file takes it. */
  path: string;
  /** Characters of it that went into the prompt. */
  chars: number;
  /** Only the start of it went in (the cap was reached). */
  truncated: boolean;
}

export interface ProjectRules {
  /** For `buildSystemPrompt({ rules })`; "" when there are none. */
  text: string;
  /** What was loaded, in prompt order, for the chat to show. */
  files: RuleFile[];
  /** Files that exist but could not be used (binary, unreadable), or were left out by the cap. */
  problems: string[];
}

export async function loadProjectRules(workspace: Workspace, options: { maxChars?: number } = {}): Promise<ProjectRules> {
  const found: Array<{ path: string; text: string }> = [];
  const problems: string[] = [];
  for (const path of await ruleFilePaths(workspace)) {
    try {
      const loaded = await loadTextFile(workspace, path);
      if (loaded.error !== undefined) problems.push(loaded.error);
      else if (loaded.file && loaded.file.text.trim()) found.push({ path: loaded.display, text: loaded.file.text });
    } catch (err) {
      problems.push(`${path} could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const assembled = assembleRules(found, options.maxChars ?? DEFAULT_RULES_MAX_CHARS);
  return { ...assembled, problems: [...problems, ...assembled.problems] };
}

/** AGENTS.md then .ouro/rules/*.md (sorted), folder by folder. */
async function ruleFilePaths(workspace: Workspace): Promise<string[]> {
  const paths: string[] = [];
  for (const [index, agents] of inEachFolder(workspace, AGENTS_FILE).entries()) {
    paths.push(agents);
    paths.push(...(await filesIn(workspace, inEachFolder(workspace, RULES_FOLDER)[index], '.md')));
  }
  return paths;
}

/**
 * Joins rule files under a line naming each, in order, within `maxChars`: the file that reaches
 * the cap is cut at a line end with a note saying where the rest is; later files are left out.
 */
export function assembleRules(files: ReadonlyArray<{ path: string; text: string }>, maxChars: number): ProjectRules {
  const parts: string[] = [];
  const loaded: RuleFile[] = [];
  const problems: string[] = [];
  let budget = maxChars;
  for (const file of files) {
    const body = file.text.replace(/\r\n/g, '\n').trim();
    if (budget <= 0) {
      problems.push(`${file.path} was left out: the project rules already fill the ${maxChars.toLocaleString('en-US')} characters the prompt allows them.`);
      continue;
    }
    const header = `[${file.path}]`;
    const fits = header.length + 1 + body.length <= budget;
    const kept = fits ? body : cutAtLine(body, budget - header.length - 1);
    const note = fits ? '' : `\n[… ${file.path} goes on; read it for the rest]`;
    parts.push(`${header}\n${kept}${note}`);
    loaded.push({ path: file.path, chars: kept.length, truncated: !fits });
    budget -= header.length + 1 + kept.length + note.length + 2;
  }
  return { text: parts.join('\n\n'), files: loaded, problems };
}

function cutAtLine(text: string, limit: number): string {
  if (limit <= 0) return '';
  const cut = text.slice(0, limit);
  const lineEnd = cut.lastIndexOf('\n');
  return (lineEnd > 0 ? cut.slice(0, lineEnd) : cut).trimEnd();
}
