// Loads the bash grammar (tree-sitter, compiled to WebAssembly) once and parses command lines
// with it. The two .wasm files sit next to the bundle in dist/, brotli-compressed
// (esbuild.config.mjs packs them); under tsx and mocha they are found in node_modules.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { brotliDecompressSync } from 'node:zlib';
// `import = require` makes bundlers pick the package's CommonJS build: its ES module build needs
// `import.meta.url`, which a CommonJS bundle does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import treeSitter = require('web-tree-sitter');

type Node = treeSitter.Node;
const { Language, Parser } = treeSitter;

/** A syntax node copied out of the parser's memory, so the analysis is plain data. */
export interface ShellNode {
  readonly type: string;
  readonly text: string;
  /** The grammar's field name for this child in its parent (`name`, `argument`, `destination`...). */
  readonly field?: string;
  readonly isNamed: boolean;
  /** The parser inserted or skipped something here: the command line is not valid shell. */
  readonly isBroken: boolean;
  readonly children: readonly ShellNode[];
}

export type ParseShell = (commandLine: string) => ShellNode;

let loading: Promise<ParseShell> | undefined;

/** Resolves to a synchronous parser; the grammar loads on first use (about 50 ms). */
export function loadShellParser(): Promise<ParseShell> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<ParseShell> {
  await Parser.init({ wasmBinary: readWasm('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm') });
  const bash = Language.loadSync(compileGrammar(readWasm('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm')));
  const parser = new Parser();
  parser.setLanguage(bash);
  // Code resuming after a WebAssembly compile runs inside Node's platform-task drain, which holds
  // the event loop until every background compile job is done; resuming from the event loop
  // keeps timers and I/O going whatever V8 compiles.
  await new Promise((resolve) => setImmediate(resolve));
  return (commandLine) => {
    const tree = parser.parse(commandLine);
    if (!tree) throw new Error('the shell parser returned no tree');
    try {
      return copyNode(tree.rootNode, undefined);
    } finally {
      // Trees live in the WebAssembly heap, not the JS one: free them or they pile up.
      tree.delete();
    }
  };
}

function copyNode(node: Node, field: string | undefined): ShellNode {
  const children: ShellNode[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) children.push(copyNode(child, node.fieldNameForChild(i) ?? undefined));
  }
  return { type: node.type, text: node.text, field, isNamed: node.isNamed, isBroken: node.isError || node.isMissing, children };
}

// V8's default tier-up budget: roughly the bytes of WebAssembly a function runs before V8
// optimises it (the same in Node 20 and in the editors' Electron).
const DEFAULT_TIERING_BUDGET = 1_800_000;

/**
 * The grammar's lexer is one 160 KB function: a single parse spends the default budget, and
 * optimising it then takes seconds of CPU and 60 MB, which also holds up the exit of a short-lived
 * process (the CLI, a test run). The baseline code parses a command line in well under a
 * millisecond, so this module alone gets a budget that thousands of parses do not spend. V8 reads
 * the flag when it compiles a module, and it is restored before anything else can compile.
 */
function compileGrammar(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  setFlagsFromString('--wasm-tiering-budget=2000000000');
  try {
    return new WebAssembly.Module(bytes);
  } finally {
    setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_TIERING_BUDGET}`);
  }
}

function readWasm(file: string, packagePath: string): Uint8Array<ArrayBuffer> {
  const besideBundle = path.join(__dirname, `${file}.br`);
  if (existsSync(besideBundle)) return new Uint8Array(brotliDecompressSync(readFileSync(besideBundle)));
  return readFileSync(require.resolve(packagePath));
}
