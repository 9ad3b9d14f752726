// Reads a parsed command line the way an allow rule needs it: the simple commands it chains
// (with `;`, `&&`, `||`, `|` and newlines), each as its literal words, and everything else it
// does that could make an allowed command dangerous — redirecting into a file, substituting,
// expanding, running in the background. Only a line with no such "blocker" can be auto-allowed.
import type { ShellNode } from './shellParser';
import { describeSyntax, wordValue } from './shellWords';

export interface CommandLineAnalysis {
  /** Set when the line is not valid shell; then nothing else can be trusted. */
  parseError?: string;
  /** The chained simple commands, as the words each program would get. */
  parts: string[][];
  /** What the line does beyond chaining plain commands, as short phrases ("redirects output to a file"). */
  blockers: string[];
}

export function analyzeCommandLine(root: ShellNode): CommandLineAnalysis {
  const broken = findBroken(root);
  if (broken) return { parseError: broken, parts: [], blockers: [] };
  const state = { parts: [] as string[][], blockers: new Set<string>() };
  readStatements(root.children, state);
  return { parts: state.parts, blockers: [...state.blockers] };
}

interface State {
  parts: string[][];
  blockers: Set<string>;
}

function findBroken(node: ShellNode): string | undefined {
  if (node.isBroken) {
    const near = node.text.trim() || node.type;
    return `the command line is not valid shell (near ${JSON.stringify(near.slice(0, 40))})`;
  }
  for (const child of node.children) {
    const found = findBroken(child);
    if (found) return found;
  }
  return undefined;
}

const CHAINING = new Set([';', '&&', '||', '|', '|&']);

function readStatements(nodes: readonly ShellNode[], state: State): void {
  for (const node of nodes) {
    if (node.type === 'comment') continue;
    if (!node.isNamed) {
      if (node.type === '&') state.blockers.add('runs a command in the background (&)');
      else if (!CHAINING.has(node.type)) state.blockers.add(describeSyntax(node.type));
      continue;
    }
    readStatement(node, state);
  }
}

function readStatement(node: ShellNode, state: State): void {
  switch (node.type) {
    case 'list':
    case 'pipeline':
      readStatements(node.children, state);
      return;
    case 'redirected_statement':
      for (const child of node.children) {
        if (child.field === 'redirect') readRedirect(child, state);
        else readStatements([child], state);
      }
      return;
    case 'command':
      readCommand(node, state);
      return;
    default:
      state.blockers.add(describeSyntax(node.type));
  }
}

function readCommand(node: ShellNode, state: State): void {
  const words: string[] = [];
  for (const child of node.children) {
    if (child.field === 'redirect') {
      readRedirect(child, state);
      continue;
    }
    if (child.field !== 'name' && child.field !== 'argument') {
      state.blockers.add(describeSyntax(child.type));
      continue;
    }
    const word = wordValue(child);
    if (word.literal) words.push(word.value);
    else state.blockers.add(word.why);
  }
  state.parts.push(words);
}

// `2>&1`, `>/dev/null` and closing a descriptor write nowhere; every other redirect reads or
// writes a file the allow rule never saw (`git show > ~/.ssh/authorized_keys`).
function readRedirect(node: ShellNode, state: State): void {
  if (node.type !== 'file_redirect') {
    state.blockers.add(describeSyntax(node.type));
    return;
  }
  const operator = node.children.find((child) => !child.isNamed)?.type ?? '';
  const destination = node.children.find((child) => child.field === 'destination');
  if (operator === '>&-' || operator === '<&-') return;
  const target = destination ? wordValue(destination) : undefined;
  if ((operator === '>&' || operator === '<&') && destination?.type === 'number') return;
  if (target?.literal && target.value === '/dev/null') return;
  state.blockers.add(operator.includes('<') && !operator.includes('>') ? 'reads input from a file (<)' : `redirects output to a file (${operator})`);
}
