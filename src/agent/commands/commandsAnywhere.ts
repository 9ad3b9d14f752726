// Finds every command a line could run, wherever it hides — in a substitution, a subshell, a
// function, a here-string, the string given to `sh -c`, `env -S` or `eval` — for the deny rules,
// which must win wherever the denied program appears. What cannot be known before the line runs
// (a program name that is not a literal word, text piped into a shell) is reported as hidden:
// with any deny rule, such a line is refused.
import type { ParseShell, ShellNode } from './shellParser';
import { wordValue } from './shellWords';

export interface FoundCommands {
  /** Each command's words up to the first one that is not literal (the rest cannot be known). */
  commands: string[][];
  /** Why some command cannot be known (`$a`, `$(echo rm)`, `echo rm | sh`). */
  hidden: string[];
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish']);
// Programs whose -c value is a shell command line.
const RUN_WITH_C = new Set([...SHELLS, 'su', 'runuser', 'script', 'flock']);
// Programs that run all their words, joined, as a command line.
const RUN_JOINED = new Set(['eval', 'watch', 'trap']);
/** Programs that run a command given in their arguments (`sudo rm`, `xargs rm`, `find -exec rm`). */
export const RUNS_ITS_ARGUMENTS = new Set([
  'sudo', 'doas', 'env', 'command', 'builtin', 'exec', 'nohup', 'nice', 'ionice', 'time', 'timeout',
  'stdbuf', 'xargs', 'find', 'watch', 'strace', 'setsid', 'chroot', 'unbuffer', 'coproc', 'busybox',
  'flock', 'script', 'su', 'runuser', 'parallel', 'eval', 'trap',
]);
const STDIN_FILES = /^(?:-|\/dev\/stdin|\/dev\/fd\/\d+|\/proc\/self\/fd\/\d+)$/;
const MAX_NESTING = 4;

export function commandsAnywhere(root: ShellNode, parse: ParseShell, nesting = 0): FoundCommands {
  const found: FoundCommands = { commands: [], hidden: [] };
  const add = (script: string) => {
    if (nesting >= MAX_NESTING) return found.hidden.push('nests shells too deeply to read');
    const inner = commandsAnywhere(parse(script), parse, nesting + 1);
    found.commands.push(...inner.commands);
    found.hidden.push(...inner.hidden);
  };
  const visit = (node: ShellNode, outerRedirects: readonly ShellNode[], piped: boolean): void => {
    if (node.type === 'command') {
      const { words, complete } = literalPrefix(node);
      found.commands.push(words);
      const redirects = [...outerRedirects, ...node.children.filter((child) => child.field === 'redirect')];
      const why = !complete && (words.length === 0 || runsOthers(words)) ? 'runs a program whose name is not a literal word' : undefined;
      if (why && node.children.some((child) => child.field === 'name')) found.hidden.push(why);
      for (let at = 0; at < words.length; at++) {
        if (at > 0 && !RUNS_ITS_ARGUMENTS.has(baseName(words[0]))) break;
        const run = scriptsRunBy(words.slice(at), redirects, piped && at === 0);
        run.scripts.forEach(add);
        if (run.hidden) found.hidden.push(run.hidden);
      }
    }
    const redirects = node.type === 'redirected_statement' ? node.children.filter((child) => child.field === 'redirect') : [];
    let afterPipe = false;
    for (const child of node.children) {
      if (node.type === 'pipeline' && (child.type === '|' || child.type === '|&')) afterPipe = true;
      visit(child, child.field === 'body' ? redirects : [], child.field === 'body' ? piped : afterPipe);
    }
  };
  visit(root, [], false);
  return found;
}

function literalPrefix(command: ShellNode): { words: string[]; complete: boolean } {
  const words: string[] = [];
  for (const child of command.children) {
    if (child.field !== 'name' && child.field !== 'argument') continue;
    const word = wordValue(child);
    if (!word.literal) return { words, complete: false };
    words.push(word.value);
  }
  return { words, complete: true };
}

function runsOthers(words: readonly string[]): boolean {
  const program = baseName(words[0]);
  return RUNS_ITS_ARGUMENTS.has(program) || RUN_WITH_C.has(program);
}

/**
 * The command lines a program runs from its words or its input: `bash -c 'rm x'`,
 * `sh -c -- 'rm x'`, `eval rm x`, `env -S 'rm x'`, `sh <<EOF`. `hidden` when that text cannot be
 * read here (`echo rm x | sh`, `xargs sh -c`).
 */
function scriptsRunBy(words: readonly string[], redirects: readonly ShellNode[], piped: boolean): { scripts: string[]; hidden?: string } {
  const program = baseName(words[0] ?? '');
  const args = words.slice(1);
  if (RUN_JOINED.has(program)) return { scripts: args.length > 0 ? [args.join(' ')] : [] };
  if (program === 'env') return { scripts: splitStrings(args) };
  if (program === 'xargs' && args.some((word) => /^-[a-zA-Z]*[iI]|^--replace/.test(word))) {
    return { scripts: [], hidden: 'runs a command xargs builds from its input (-I)' };
  }
  if (!RUN_WITH_C.has(program)) return { scripts: [] };
  const flag = args.findIndex((word) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(word));
  // bash runs the first word that is not an option; every later plain word is read too.
  if (flag >= 0) {
    const scripts = args.slice(flag + 1).filter((word) => word !== '--' && !/^[-+][a-zA-Z]+$/.test(word));
    return scripts.length > 0 ? { scripts } : { scripts, hidden: `runs ${program} -c with a command it gets at run time` };
  }
  if (!SHELLS.has(program)) return { scripts: [] };
  const file = args.find((word) => !word.startsWith('-') && !word.startsWith('+'));
  const readsInput = file === undefined || STDIN_FILES.test(file) || args.some((word) => /^-[a-zA-Z]*s/.test(word));
  if (!readsInput) return { scripts: [] };
  const fed = redirects.flatMap(fedText);
  if (fed.length > 0) return { scripts: fed };
  const fromFile = redirects.some((redirect) => redirect.type === 'file_redirect' && redirect.children.some((c) => c.type === '<'));
  return piped || fromFile ? { scripts: [], hidden: `pipes a command line into ${program}` } : { scripts: [] };
}

/** `env -S 'rm x'`, `env --split-string='rm x'`, `env -Srm`: env splits the string into a command. */
function splitStrings(args: readonly string[]): string[] {
  const scripts: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const long = /^--([a-z-]+)(?:=(.*))?$/s.exec(args[at]);
    const short = /^-[a-zA-Z]*S(.*)$/s.exec(args[at]);
    if (long && !'split-string'.startsWith(long[1])) continue;
    if (!long && !short) continue;
    const inline = long ? long[2] : short?.[1] || undefined;
    const text = inline ?? args[++at];
    if (text !== undefined) scripts.push([text, ...args.slice(at + 1)].join(' '));
  }
  return scripts;
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
