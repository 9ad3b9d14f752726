// Finds every command a line could run, wherever it hides — in a substitution, a subshell, a
// function, a here-string, the string given to `sh -c` or `eval` — for the deny rules, which
// must win wherever the denied program appears.
import type { ParseShell, ShellNode } from './shellParser';
import { wordValue } from './shellWords';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);
const MAX_NESTING = 4;

/** Each command's words up to the first one that is not literal (the rest cannot be known). */
export function commandsAnywhere(root: ShellNode, parse: ParseShell, nesting = 0): string[][] {
  const found: string[][] = [];
  const visit = (node: ShellNode, outerRedirects: readonly ShellNode[]): void => {
    if (node.type === 'command') {
      const words = literalPrefix(node);
      found.push(words);
      const redirects = [...outerRedirects, ...node.children.filter((child) => child.field === 'redirect')];
      if (nesting < MAX_NESTING) {
        for (const script of scriptsRunBy(words, redirects)) found.push(...commandsAnywhere(parse(script), parse, nesting + 1));
      }
    }
    const redirects = node.type === 'redirected_statement' ? node.children.filter((child) => child.field === 'redirect') : [];
    for (const child of node.children) visit(child, child.field === 'body' ? redirects : []);
  };
  visit(root, []);
  return found;
}

function literalPrefix(command: ShellNode): string[] {
  const words: string[] = [];
  for (const child of command.children) {
    if (child.field !== 'name' && child.field !== 'argument') continue;
    const word = wordValue(child);
    if (!word.literal) break;
    words.push(word.value);
  }
  return words;
}

/** `bash -c 'rm -rf x'`, `eval rm -rf x` and `sh <<EOF` run text as a command line. */
function scriptsRunBy(words: readonly string[], redirects: readonly ShellNode[]): string[] {
  const program = baseName(words[0] ?? '');
  if (program === 'eval') return words.length > 1 ? [words.slice(1).join(' ')] : [];
  if (!SHELLS.has(program)) return [];
  const flag = words.findIndex((word, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word));
  if (flag > 0) return flag + 1 < words.length ? [words[flag + 1]] : [];
  return redirects.flatMap(fedText);
}

function fedText(redirect: ShellNode): string[] {
  if (redirect.type === 'heredoc_redirect') return redirect.children.filter((c) => c.type === 'heredoc_body').map((c) => c.text);
  if (redirect.type !== 'herestring_redirect') return [];
  return redirect.children.filter((c) => c.isNamed).map((c) => {
    const word = wordValue(c);
    return word.literal ? word.value : c.text;
  });
}

export function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}
