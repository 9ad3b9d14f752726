// Turns a word of the syntax tree into the exact string bash would pass to the program, or says
// why it cannot be known before the command runs. Anything the shell would expand (variables,
// substitutions, wildcards, braces, `~`) is not literal: a file named `--output=x` matched by `*`
// would change what an allowed command does.
import type { ShellNode } from './shellParser';

export type WordValue = { literal: true; value: string } | { literal: false; why: string };

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
  switch (node.type) {
    // Outside arithmetic a number is just text (`-5`, `0x10`).
    case 'word':
    case 'number':
      return unquotedWord(node.text);
    case 'raw_string':
      return { literal: true, value: node.text.slice(1, -1) };
    case 'string':
      return doubleQuoted(node);
    case 'command_name':
    case 'concatenation':
      return joinWords(node.children);
    default:
      return notLiteral(describeSyntax(node.type));
  }
}

function joinWords(parts: readonly ShellNode[]): WordValue {
  let value = '';
  for (const part of parts) {
    const word = wordValue(part);
    if (!word.literal) return word;
    value += word.value;
  }
  return { literal: true, value };
}

// Unquoted, bash expands these before the program sees the word (or treats them as operators,
// which the parser should already have split off: refusing them again costs nothing).
const EXPANDING = new Map<string, string>([
  ['*', 'uses wildcards'], ['?', 'uses wildcards'], ['[', 'uses wildcards'],
  ['{', 'uses brace expansion'], ['}', 'uses brace expansion'],
  ['~', 'uses ~ expansion'], ['$', 'expands a variable'], ['`', 'substitutes a command ($(...) or backticks)'],
  ['(', 'uses shell syntax that is not read here (parentheses)'], [')', 'uses shell syntax that is not read here (parentheses)'],
  ['<', 'redirects'], ['>', 'redirects'], ['|', 'pipes'], [';', 'chains'], ['&', 'runs in the background'],
]);

function unquotedWord(text: string): WordValue {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      if (i < text.length && text[i] !== '\n') value += text[i];
      continue;
    }
    const why = EXPANDING.get(ch);
    if (why) return notLiteral(why);
    value += ch;
  }
  return { literal: true, value };
}

// Inside double quotes a backslash escapes only $ ` " \ and a newline; elsewhere it stays.
function doubleQuoted(node: ShellNode): WordValue {
  let value = '';
  for (const part of node.children) {
    if (!part.isNamed && part.type === '"') continue;
    if (part.type !== 'string_content') return notLiteral(describeSyntax(part.type));
    const text = part.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '$' || ch === '`') return notLiteral(describeSyntax(ch === '$' ? 'expansion' : 'command_substitution'));
      if (ch === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
        i++;
        if (text[i] !== '\n') value += text[i];
        continue;
      }
      value += ch;
    }
  }
  return { literal: true, value };
}
