// Decides whether a command line runs without asking, must be asked about, or never runs.
// Deny rules are checked first and win; an allow rule applies only when the line is nothing but
// plain commands chained together and every one of them is covered.
import { shellQuote } from './allowSuggestion';
import { analyzeCommandLine } from './commandLine';
import type { Isolation } from './commandRunner';
import { allowCovers, denyCatches, parseRule, type CommandRule, type CommandRules } from './commandRules';
import { commandsAnywhere } from './commandsAnywhere';
import { loadShellParser, type ParseShell } from './shellParser';

export type CommandVerdict =
  /** `exact`: every part equals its rule word for word (what an allow rule covers outside the sandbox). */
  | { action: 'allow'; reason: string; exact: boolean }
  | { action: 'deny'; reason: string }
  | { action: 'ask'; reason: string };

export async function checkCommand(commandLine: string, rules: CommandRules): Promise<CommandVerdict> {
  return judgeCommand(commandLine, rules, await loadShellParser());
}

export function judgeCommand(commandLine: string, rules: CommandRules, parse: ParseShell): CommandVerdict {
  const root = parse(commandLine);
  const deny = validRules(rules.deny, parse);
  for (const words of commandsAnywhere(root, parse)) {
    const rule = deny.find((candidate) => denyCatches(candidate, words));
    if (rule) return { action: 'deny', reason: `\`${quoted(words)}\` matches the deny rule "${rule.text}"` };
  }

  const analysis = analyzeCommandLine(root);
  if (analysis.parseError) return { action: 'ask', reason: analysis.parseError };
  if (analysis.blockers.length > 0) {
    return { action: 'ask', reason: `no rule can allow it: it ${analysis.blockers.join(', ')}` };
  }
  const allow = validRules(rules.allow, parse);
  const used = new Set<string>();
  let exact = true;
  for (const words of analysis.parts) {
    const rule = allow.find((candidate) => allowCovers(candidate, words));
    if (!rule) return { action: 'ask', reason: `no allow rule covers \`${quoted(words)}\`` };
    used.add(`"${rule.text}"`);
    if (rule.words.length !== words.length) exact = false;
  }
  if (used.size === 0) return { action: 'ask', reason: 'it runs no command' };
  return { action: 'allow', reason: `allowed by ${[...used].join(', ')}`, exact };
}

/**
 * What an allow verdict is worth given how commands are contained: in the sandbox it stands;
 * with the sandbox turned off only rules that match the whole command word for word stand; on a
 * machine without a sandbox every command asks.
 */
export function containedVerdict(verdict: CommandVerdict, isolation: Isolation | undefined): CommandVerdict {
  if (verdict.action !== 'allow') return verdict;
  const contained = isolation ?? { kind: 'none', reason: 'commands run here without a sandbox' };
  switch (contained.kind) {
    case 'sandbox':
      return { ...verdict, reason: `${verdict.reason}, in the sandbox` };
    case 'off':
      return verdict.exact ? verdict : { action: 'ask', reason: `${verdict.reason}, but ${contained.reason}, so a rule covers only the exact command` };
    case 'none':
      return { action: 'ask', reason: `${verdict.reason}, but ${contained.reason}, so every command asks` };
    default: {
      const unknown: never = contained;
      return unknown;
    }
  }
}

/** The words as the user would type them again: "a b" stays one word, quoted. */
function quoted(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/** One message per rule that cannot be used, for the CLI to print at start and the editor to warn about. */
export async function validateCommandRules(rules: readonly string[]): Promise<string[]> {
  const parse = await loadShellParser();
  return rules.flatMap((text) => {
    const parsed = parseRule(text, parse);
    return parsed.ok ? [] : [`The command rule "${text}" is ignored: ${parsed.error}.`];
  });
}

// Rules are read on every check (settings may have changed) but rarely differ: parsing each one
// once keeps a check to one parse, which also keeps the grammar's lexer below V8's tier-up budget.
const ruleCache = new WeakMap<ParseShell, Map<string, CommandRule | undefined>>();
const RULE_CACHE_LIMIT = 500;

function validRules(texts: readonly string[], parse: ParseShell): CommandRule[] {
  let cache = ruleCache.get(parse);
  if (!cache || cache.size > RULE_CACHE_LIMIT) ruleCache.set(parse, (cache = new Map()));
  return texts.flatMap((text) => {
    if (!cache.has(text)) {
      const parsed = parseRule(text, parse);
      cache.set(text, parsed.ok ? parsed.rule : undefined);
    }
    const rule = cache.get(text);
    return rule ? [rule] : [];
  });
}
