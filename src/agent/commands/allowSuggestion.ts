// The rule an approval card offers to "always allow": for each command the line chains, its
// program and the words that say what it does ("npm test", "git status", "npm run build",
// "python -m pytest"), no more, so the rule covers the same job with other arguments and
// nothing broader. A line no rule can allow (one that redirects, substitutes...) gets none. Pure.
import { analyzeCommandLine } from './commandLine';
import type { ParseShell } from './shellParser';

// After these words the next one names the script or module that runs.
const NAMES_NEXT = new Set(['run', 'run-script', 'exec', 'x', '-m']);
const MAX_WORDS = 4;

/** Rules that would let this line run without asking, or undefined when no allow rule can. */
export function suggestAllowRules(commandLine: string, parse: ParseShell): string[] | undefined {
  const analysis = analyzeCommandLine(parse(commandLine));
  if (analysis.parseError || analysis.blockers.length > 0) return undefined;
  const rules = analysis.parts.filter((words) => words.length > 0).map((words) => commandPrefix(words).map(shellQuote).join(' '));
  return rules.length === 0 ? undefined : [...new Set(rules)];
}

/** The program, any options before its first plain word, that word, and the name after `run`/`-m`. */
export function commandPrefix(words: readonly string[]): string[] {
  const prefix = [words[0]];
  for (let i = 1; i < words.length && prefix.length < MAX_WORDS; i++) {
    const word = words[i];
    prefix.push(word);
    if (word === '--') break;
    if (NAMES_NEXT.has(word) && i + 1 < words.length) {
      prefix.push(words[i + 1]);
      break;
    }
    if (!word.startsWith('-')) break;
  }
  return prefix.filter((word) => word !== '--');
}

/** One POSIX shell word: as it is when plain, else in single quotes. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
