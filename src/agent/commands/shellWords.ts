// Turns a word of the syntax tree into the exact string bash would pass to the program, or says
// why it cannot be known before the command runs. Anything the shell would expand (variables,
// substitutions, `~` at the start, brace lists) is not literal. A wildcard is read as a pattern
// only behind a literal start that is not `-` (`src/*.js`): whatever it matches starts the same
// way, so it never becomes an option (a file named `--output=x` matched by `*` would).
import type { ShellNode } from './shellParser';

/** `pattern`: the word holds wildcards, so bash may turn it into several words (or none). */
export type WordValue = { literal: true; value: string; pattern?: boolean } | { literal: false; why: string };

const notLiteral = (why: string): WordValue => ({ literal: false, why });

/** Why a node makes a command line more than plain words, for the reason shown to the user. */
export function describeSyntax(type: string): string {
  switch (type) {
    case 'command_substitution': return 'substitutes a command ($(...) or backticks)';
    case 'process_substitution': return 'substitutes a process (<(...) or >(...))';
    case 'simple_expansion':
    case 'expansion': return 'expands a variable';
    case 'arithmetic_expansion': return 'expands arithmetic';
    case 'brace_expression': return 'uses brace expansion';
    case 'ansi_c_string':
    case 'translated_string': return 'uses $-quoting';
    case 'variable_assignment':
    case 'variable_assignments':
    case 'declaration_command':
    case 'unset_command': return 'sets variables';
    case 'subshell': return 'runs a subshell';
    case 'compound_statement': return 'groups commands in braces';
    case 'if_statement':
    case 'while_statement':
    case 'for_statement':
    case 'c_style_for_statement':
    case 'case_statement': return 'uses a control structure';
    case 'function_definition': return 'defines a function';
    case 'negated_command': return 'negates a command';
    case 'test_command': return 'uses a test expression';
    case 'heredoc_redirect': return 'uses a here-document';
    case 'herestring_redirect': return 'uses a here-string';
    default: return `uses shell syntax that is not read here (${type})`;
  }
}

/** The value of an argument or command name node. */
export function wordValue(node: ShellNode): WordValue {
  const word = { value: '', shape: '' };
  for (const part of wordParts(node)) {
    const problem = readPart(part, word);
    if (problem) return notLiteral(problem);
  }
  // Bash expands `{a,b}` and `{1..3}`, not `{}` or `HEAD@{0}`.
  if (/\{[^]*(?:,|\.\.)[^]*\}/.test(word.shape)) return notLiteral('uses brace expansion');
  if (!/[*?[]/.test(word.shape)) return { literal: true, value: word.value };
  if (/^[*?[]/.test(word.shape) || word.value.startsWith('-')) return notLiteral('starts a word with a wildcard (a file named like an option could match)');
  return { literal: true, value: word.value, pattern: true };
}

function wordParts(node: ShellNode): ShellNode[] {
  return node.type === 'command_name' || node.type === 'concatenation' ? node.children.flatMap(wordParts) : [node];
}

/** `value` is what the program gets; `shape` the same with every quoted character as `_`, for what bash expands. */
interface WordText {
  value: string;
  shape: string;
}

function readPart(part: ShellNode, word: WordText): string | undefined {
  switch (part.type) {
    // Outside arithmetic a number is just text (`-5`, `0x10`).
    case 'word':
    case 'number':
      return unquotedWord(part.text, word);
    case 'raw_string':
      return quoted(part.text.slice(1, -1), word);
    case 'string':
      return doubleQuoted(part, word);
    default:
      return describeSyntax(part.type);
  }
}

function quoted(text: string, word: WordText): undefined {
  word.value += text;
  word.shape += '_'.repeat(text.length);
  return undefined;
}

// Unquoted, bash expands these before the program sees the word (or treats them as operators,
// which the parser should already have split off: refusing them again costs nothing).
const EXPANDING = new Map<string, string>([
  ['$', 'expands a variable'], ['`', 'substitutes a command ($(...) or backticks)'],
  ['(', 'uses shell syntax that is not read here (parentheses)'], [')', 'uses shell syntax that is not read here (parentheses)'],
  ['<', 'redirects'], ['>', 'redirects'], ['|', 'pipes'], [';', 'chains'], ['&', 'runs in the background'],
]);

function unquotedWord(text: string, word: WordText): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      if (i < text.length && text[i] !== '\n') quoted(text[i], word);
      continue;
    }
    const why = EXPANDING.get(ch);
    if (why) return why;
    // `~` expands at the start of a word and after `=` or `:` in one that looks like an
    // assignment; `HEAD~1` stays as it is.
    if (ch === '~' && (word.shape === '' || /[=:]$/.test(word.shape))) return 'uses ~ expansion';
    word.value += ch;
    word.shape += ch;
  }
  return undefined;
}

// Inside double quotes a backslash escapes only $ ` " \ and a newline; elsewhere it stays.
function doubleQuoted(node: ShellNode, word: WordText): string | undefined {
  for (const part of node.children) {
    if (!part.isNamed && part.type === '"') continue;
    if (part.type !== 'string_content') return describeSyntax(part.type);
    const text = part.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '$' || ch === '`') return describeSyntax(ch === '$' ? 'expansion' : 'command_substitution');
      if (ch === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
        i++;
        if (text[i] !== '\n') quoted(text[i], word);
        continue;
      }
      quoted(ch, word);
    }
  }
  return undefined;
}
