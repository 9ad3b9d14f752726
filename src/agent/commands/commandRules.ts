// Allow and deny rules are command prefixes written as the user would type them ("npm test",
// "git status"), compared word by word after quote removal: "npm test" covers
// `npm test -- --grep x` but not `npm testx` or `npm run test`.
import { analyzeCommandLine } from './commandLine';
import { baseName } from './commandsAnywhere';
import type { ParseShell } from './shellParser';

/** Where the CLI's --allow flags and the editor's ouro.commands.allow/deny settings meet. */
export interface CommandRules {
  /** Prefixes that run without asking. */
  readonly allow: readonly string[];
  /** Prefixes that never run, whoever approves: deny wins over allow rules and over approving everything. */
  readonly deny: readonly string[];
}

export interface CommandRule {
  readonly text: string;
  readonly words: readonly string[];
}

export type RuleParse = { ok: true; rule: CommandRule } | { ok: false; text: string; error: string };

// Settings often end a prefix with a wildcard ("npm test *", "npm test:*"); a prefix already
// means "and anything after", so the wildcard is dropped rather than refused.
const TRAILING_WILDCARD = /(?:\s+\*|:\*)\s*$/;

export function parseRule(text: string, parse: ParseShell): RuleParse {
  const analysis = analyzeCommandLine(parse(text.replace(TRAILING_WILDCARD, '')));
  const problem =
    analysis.parseError ??
    (analysis.blockers.length > 0 ? `a rule is plain words, but this one ${analysis.blockers[0]}` : undefined) ??
    (analysis.parts.length !== 1 || analysis.parts[0].length === 0 ? 'a rule is one command prefix, like "npm test"' : undefined);
  return problem ? { ok: false, text, error: problem } : { ok: true, rule: { text, words: analysis.parts[0] } };
}

/** An allow rule covers a command when its words start the command's words. */
export function allowCovers(rule: CommandRule, words: readonly string[]): boolean {
  return wordsAt(words, 0, rule.words, false);
}

// A deny rule also catches the program by its path (`/bin/rm`) and behind programs that run
// their arguments as a command (`sudo rm`, `xargs rm`, `find -exec rm`).
const RUNS_ITS_ARGUMENTS = new Set([
  'sudo', 'doas', 'env', 'command', 'builtin', 'exec', 'nohup', 'nice', 'ionice', 'time', 'timeout',
  'stdbuf', 'xargs', 'find', 'watch', 'strace', 'setsid', 'chroot', 'unbuffer',
]);

export function denyCatches(rule: CommandRule, words: readonly string[]): boolean {
  if (wordsAt(words, 0, rule.words, true)) return true;
  if (words.length === 0 || !RUNS_ITS_ARGUMENTS.has(baseName(words[0]))) return false;
  for (let at = 1; at < words.length; at++) {
    if (wordsAt(words, at, rule.words, true)) return true;
  }
  return false;
}

function wordsAt(words: readonly string[], at: number, prefix: readonly string[], byBaseName: boolean): boolean {
  if (words.length - at < prefix.length) return false;
  return prefix.every((expected, k) => {
    const actual = words[at + k];
    return k === 0 && byBaseName && !expected.includes('/') ? baseName(actual) === expected : actual === expected;
  });
}
