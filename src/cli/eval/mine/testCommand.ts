// A mined task's check: the project's test command, narrowed to the test files the commit
// changed where the runner takes files (node --test, mocha, jest, vitest, pytest, and `npm test`
// whose script is one of those), else the whole command.
const RUNNERS: Array<{ shape: RegExp; narrowed: string }> = [
  { shape: /^node --test(?: |$)/, narrowed: 'node --test' },
  { shape: /^(?:npx )?mocha(?: |$)/, narrowed: 'npx mocha' },
  { shape: /^(?:npx )?jest(?: |$)/, narrowed: 'npx jest' },
  { shape: /^(?:npx )?vitest(?: |$)/, narrowed: 'npx vitest run' },
  { shape: /^pytest(?: |$)/, narrowed: 'pytest' },
  { shape: /^(python3?) -m pytest(?: |$)/, narrowed: '$1 -m pytest' },
];
const NPM_TEST = /^(?:npm|pnpm|yarn|bun)(?: run)? (?:test|t)$/;
const SHELL_SYNTAX = /[;&|<>`$(){}\\\n]/;

/** `command` run on `files` only, where the runner allows it; `packageJson` is the project's, for `npm test`. */
export function narrowTestCommand(command: string, files: readonly string[], packageJson?: string): string {
  const trimmed = command.trim().replace(/\s+/g, ' ');
  if (files.length === 0 || SHELL_SYNTAX.test(trimmed)) return trimmed;
  const script = NPM_TEST.test(trimmed) ? testScript(packageJson) : undefined;
  const runnable = script ?? trimmed;
  if (SHELL_SYNTAX.test(runnable)) return trimmed;
  for (const runner of RUNNERS) {
    const match = runner.shape.exec(runnable);
    if (match) return [runner.narrowed.replace('$1', match[1] ?? ''), ...files.map(shellWord)].join(' ');
  }
  return trimmed;
}

function testScript(packageJson: string | undefined): string | undefined {
  try {
    const script: unknown = (JSON.parse(packageJson ?? '') as { scripts?: Record<string, unknown> })?.scripts?.test;
    return typeof script === 'string' ? script.trim().replace(/\s+/g, ' ') : undefined;
  } catch {
    return undefined;
  }
}

/** A path as one word for a POSIX shell. */
export function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
