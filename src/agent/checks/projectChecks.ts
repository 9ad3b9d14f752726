// The project's checks: the commands that say whether a change is good (tests, lint, type
// checks). They come from the person's setting first, else from the commands AGENTS.md names for
// testing, else from package.json's `test` script. Whoever runs them (the agent before it says
// "done", best-of-N, mined eval tasks) runs them in the sandbox or asks: a cloned project's
// AGENTS.md is text an attacker may have written, so finding a command here is never permission.
import { AGENTS_FILE } from '../rules/projectRules';
import { loadTextFile } from '../tools/textFile';
import { inEachFolder } from '../workspace/folderPaths';
import type { Workspace } from '../workspace/workspace';

export interface ProjectCheck {
  command: string;
  /** The workspace folder it runs in, as the Workspace port names it: "." in a single-root workspace. */
  folder: string;
}

export type ChecksSource = 'setting' | 'AGENTS.md' | 'package.json';

export interface ProjectChecks {
  checks: ProjectCheck[];
  /** Where they came from; undefined when the project has none. */
  source?: ChecksSource;
}

/** A few are enough to judge a change; more would make every "done" slow. */
export const MAX_CHECKS = 5;

/** The npm default for a project without tests: not a check. */
const NO_TEST_SCRIPT = /no test specified/;

// The shapes of test, lint and type-check commands across the common toolchains. A command
// AGENTS.md names counts only if it has one of these shapes and nothing a shell would read as a
// second command, a redirection or an expansion.
const CHECK_SHAPE = new RegExp(
  '^(?:' +
    [
      '(?:npm|pnpm|yarn|bun)(?: run)? (?:test|lint|check|typecheck|type-check|tsc)(?:[:.-][\\w:.-]*)?',
      'npm t',
      'npx (?:tsc|eslint|mocha|jest|vitest|prettier --check|biome check)',
      'tsc|eslint|mocha|jest|vitest',
      'pytest|python3? -m (?:pytest|unittest|mypy)|mypy|ruff check|tox',
      'cargo (?:test|clippy|check)',
      'go (?:test|vet)',
      'make (?:test|check|lint)',
      '(?:\\./)?gradlew? (?:test|check)|mvn (?:test|verify)|dotnet test',
      '(?:bundle exec )?rspec|phpunit|deno (?:test|lint|check)',
    ].join('|') +
    ')(?: |$)',
);
const SHELL_SYNTAX = /[;&|<>`$(){}\\\n]/;

/**
 * The checks for `workspace`: `configured` (the setting) when it has any, else those AGENTS.md
 * names, else `npm test` where package.json has a real test script; folder by folder.
 */
export async function findProjectChecks(workspace: Workspace, configured: readonly string[] = []): Promise<ProjectChecks> {
  const folders = workspace.folders.length <= 1 ? ['.'] : [...workspace.folders];
  const fromSetting = unique(configured.map((command) => command.trim()).filter(Boolean));
  if (fromSetting.length > 0) return { checks: fromSetting.slice(0, MAX_CHECKS).map((command) => ({ command, folder: folders[0] })), source: 'setting' };
  for (const source of ['AGENTS.md', 'package.json'] as const) {
    const checks: ProjectCheck[] = [];
    const files = inEachFolder(workspace, source === 'AGENTS.md' ? AGENTS_FILE : 'package.json');
    for (const [index, path] of files.entries()) {
      const text = await readIfThere(workspace, path);
      if (text === undefined) continue;
      const commands = source === 'AGENTS.md' ? checksNamedIn(text) : packageTest(text);
      checks.push(...commands.map((command) => ({ command, folder: folders[index] })));
    }
    if (checks.length > 0) return { checks: checks.slice(0, MAX_CHECKS), source };
  }
  return { checks: [] };
}

/** The check commands a markdown text names, in code spans or code blocks, in order, once each. */
export function checksNamedIn(markdown: string): string[] {
  const found: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    const candidates = fence ? [line.replace(/^\s*\$\s+/, '')] : [...line.matchAll(/(`+)([^`]+?)\1/g)].map((match) => match[2]);
    for (const candidate of candidates) {
      const command = candidate.trim().replace(/\s+/g, ' ');
      if (CHECK_SHAPE.test(command) && !SHELL_SYNTAX.test(command)) found.push(command);
    }
  }
  return unique(found);
}

/** `npm test` when package.json has a test script that is not npm's placeholder. */
export function packageTest(packageJson: string): string[] {
  try {
    const script: unknown = (JSON.parse(packageJson) as { scripts?: Record<string, unknown> })?.scripts?.test;
    return typeof script === 'string' && script.trim() && !NO_TEST_SCRIPT.test(script) ? ['npm test'] : [];
  } catch {
    return [];
  }
}

/** The text of a project file, or undefined when it is missing, too large, ignored or outside the workspace. */
export async function readIfThere(workspace: Workspace, path: string): Promise<string | undefined> {
  try {
    const loaded = await loadTextFile(workspace, path, 256 * 1024);
    return loaded.error === undefined ? loaded.file?.text : undefined;
  } catch {
    // Ignored, or outside the workspace through a link: not the project's to offer.
    return undefined;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
