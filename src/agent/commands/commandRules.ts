// Allow and deny rules are command prefixes written as the user would type them ("npm test",
// "git status"), compared word by word after quote removal: "npm test" covers
// `npm test -- --grep x` but not `npm testx` or `npm run test`, nor an option after the rule's
// words that writes files or runs code (`npm test --script-shell=x`, see riskyOptions.ts). A rule
// that names such an option with its value (`node -e 'script'`) covers exactly that command.
import { analyzeCommandLine } from './commandLine';
import { baseName, RUNS_ITS_ARGUMENTS } from './commandsAnywhere';
import { namesRiskyOption, riskyOption } from './riskyOptions';
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
  /** It names an option that runs code or writes files, with its value: it covers only itself. */
  readonly exactOnly?: boolean;
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
    (analysis.assigns.length > 0 ? 'a rule is plain words, but this one sets variables' : undefined) ??
    (analysis.parts.length !== 1 || analysis.parts[0].length === 0 ? 'a rule is one command prefix, like "npm test"' : undefined);
  if (problem) return { ok: false, text, error: problem };
  const words = analysis.parts[0];
  return { ok: true, rule: { text, words, exactOnly: namesRiskyOption(words) } };
}

/**
 * Whether an allow rule covers a command: its words start the command's words (all of them for
 * an exact-only rule), and nothing after them is a risky option. A string says why a rule whose
 * words match still does not cover it.
 */
export function allowCovers(rule: CommandRule, words: readonly string[]): boolean | string {
  if (!wordsAt(words, 0, rule.words, false)) return false;
  if (rule.exactOnly && words.length !== rule.words.length) return `the rule "${rule.text}" covers exactly that command, nothing added`;
  return riskyOption(words, rule.words.length) ?? true;
}

// A deny rule also catches the program by its path (`/bin/rm`) and behind programs that run
// their arguments as a command (`sudo rm`, `xargs rm`, `find -exec rm`).
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
