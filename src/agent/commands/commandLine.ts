// Reads a parsed command line the way an allow rule needs it: the simple commands it chains
// (with `;`, `&&`, `||`, `|` and newlines), each as its literal words, and everything else it
// does that could make an allowed command dangerous — redirecting into a file, substituting,
// expanding, running in the background. Only a line with no such "blocker" can be auto-allowed.
import type { ShellNode } from './shellParser';
import { riskyVariable } from './riskyEnv';
import { describeSyntax, wordValue } from './shellWords';

export interface CommandLineAnalysis {
  /** Set when the line is not valid shell; then nothing else can be trusted. */
  parseError?: string;
  /** The chained simple commands, as the words each program would get. */
  parts: string[][];
  /** Variables set before a command (`CI=1 npm test`), none of them one that makes programs run code. */
  assigns: string[];
  /** Parts with a wildcard pattern (`ls src/*.js`): bash may turn it into several words. */
  patterned: Set<string[]>;
  /** What the line does beyond chaining plain commands, as short phrases ("redirects output to a file"). */
  blockers: string[];
}

export function analyzeCommandLine(root: ShellNode): CommandLineAnalysis {
  const broken = findBroken(root);
  if (broken) return { parseError: broken, parts: [], assigns: [], patterned: new Set(), blockers: [] };
  const state: State = { parts: [], assigns: [], patterned: new Set(), blockers: new Set() };
  readStatements(root.children, state);
  return { ...state, blockers: [...state.blockers] };
}

interface State {
  parts: string[][];
  assigns: string[];
  patterned: Set<string[]>;
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
    if (child.type === 'variable_assignment') {
      readAssignment(child, state);
      continue;
    }
    if (child.field !== 'name' && child.field !== 'argument') {
      state.blockers.add(describeSyntax(child.type));
      continue;
    }
    const word = wordValue(child);
    if (!word.literal) state.blockers.add(word.why);
    else {
      words.push(word.value);
      if (word.pattern) state.patterned.add(words);
    }
  }
  state.parts.push(words);
}

// `CI=1 npm test`: a plain value for a variable that cannot make the program run other code.
function readAssignment(node: ShellNode, state: State): void {
  const name = node.children.find((child) => child.field === 'name')?.text ?? '';
  const value = node.children.find((child) => child.field === 'value');
  const word = value ? wordValue(value) : undefined;
  const problem = name.includes('[') ? describeSyntax(node.type) : riskyVariable(name) ?? (word && !word.literal ? word.why : undefined);
  if (problem) state.blockers.add(problem);
  else state.assigns.push(name);
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
