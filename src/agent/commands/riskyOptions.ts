// Options known to make a program write files it was not asked to, or run other code: an allow
// rule's words never cover them (`git show` does not cover `git show --output=x`), unless the
// rule itself names them. One table, per program. Pure.
import { baseName } from './commandsAnywhere';
import { riskySedScript } from './sedScript';

interface ProgramRisks {
  /** Options risky anywhere among the words (up to `--`, unless `ignoresDoubleDash`). */
  readonly options?: readonly string[];
  /** Options risky only before the first plain word, the subcommand or script (`git -c`, `npx -c`). */
  readonly beforeSubcommand?: readonly string[];
  /** Options before the subcommand whose value is the next word (skipped when finding the subcommand). */
  readonly globalValues?: readonly string[];
  /** More options, or plain words, risky after a given subcommand (`git rebase -x`, `git submodule foreach`). */
  readonly subcommands?: Readonly<Record<string, readonly string[]>>;
  /** Plain words that make it run something else (`npm exec`). */
  readonly words?: readonly string[];
  readonly ignoresDoubleDash?: boolean;
  /** It runs its plain arguments as a command (`xargs rm`): a rule must name that command. */
  readonly runsCommand?: boolean;
  readonly check?: (words: readonly string[], from: number) => string | undefined;
}

const PACKAGE_MANAGER: ProgramRisks = {
  options: ['--script-shell', '--node-options', '--userconfig', '--globalconfig', '--call', '--shell-mode'],
  beforeSubcommand: ['-c'],
  words: ['exec', 'x', 'dlx', 'explore'],
};
const NODE: ProgramRisks = {
  options: ['-e', '-p', '-r', '-i', '--eval', '--print', '--import', '--require', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists', '--interactive'],
};
const SHELL: ProgramRisks = { beforeSubcommand: ['-c', '-i', '-s'] };
const PYTHON: ProgramRisks = { beforeSubcommand: ['-c', '-i'] };
const RUNNER: ProgramRisks = { runsCommand: true, ignoresDoubleDash: true };

const TABLE: Readonly<Record<string, ProgramRisks>> = {
  git: {
    beforeSubcommand: ['-c', '-C', '--exec-path', '--git-dir', '--work-tree', '--config-env', '-p', '--paginate'],
    globalValues: ['--namespace', '--super-prefix', '--attr-source'],
    options: ['--output', '--upload-pack', '--receive-pack', '--exec', '--open-files-in-pager', '--extcmd', '--template', '--config', '--ext-diff'],
    subcommands: {
      rebase: ['-x'], grep: ['-O'], clone: ['-u', '-c'], fetch: ['-u'], pull: ['-u'], 'ls-remote': ['-u'],
      'format-patch': ['-o'], difftool: ['-x', '-t', '--tool'], mergetool: ['-t', '--tool'],
      submodule: ['foreach'], bisect: ['run'], config: ['--edit', '-e'],
    },
  },
  node: NODE, nodejs: NODE, bun: NODE, deno: { words: ['eval', 'repl'] },
  npm: PACKAGE_MANAGER, npx: { ...PACKAGE_MANAGER, beforeSubcommand: ['-c', '-p', '--package'] }, yarn: PACKAGE_MANAGER, pnpm: PACKAGE_MANAGER, pnpx: PACKAGE_MANAGER,
  find: { options: ['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint*', '-fls'], ignoresDoubleDash: true },
  rg: { options: ['--pre'] },
  sort: { options: ['-o', '--output', '--compress-program'] },
  sed: { options: ['-i', '--in-place', '-f', '--file'], check: riskySedScript },
  tar: {
    options: ['--to-command', '--checkpoint-action', '--use-compress-program', '-I', '--info-script', '-F', '--new-volume-script', '--rsh-command', '--rmt-command'],
  },
  env: { ...RUNNER, options: ['-S', '--split-string'] },
  sh: SHELL, bash: SHELL, zsh: SHELL, dash: SHELL, ksh: SHELL,
  python: PYTHON, python3: PYTHON,
  xargs: RUNNER, sudo: RUNNER, doas: RUNNER, nice: RUNNER, ionice: RUNNER, nohup: RUNNER, timeout: RUNNER, stdbuf: RUNNER,
  time: RUNNER, setsid: RUNNER, watch: RUNNER, strace: RUNNER, unbuffer: RUNNER, chroot: RUNNER, command: RUNNER,
  builtin: RUNNER, exec: RUNNER, coproc: RUNNER, eval: RUNNER, '.': RUNNER, source: RUNNER,
};

/**
 * Why `words[from..]` makes the program write or run more than a rule of `from` words says, or
 * undefined. `words[0]` is the program.
 */
export function riskyOption(words: readonly string[], from: number): string | undefined {
  const program = baseName(words[0] ?? '');
  const risks = TABLE[program];
  if (!risks) return undefined;
  const subcommand = subcommandAt(words, risks);
  // `xargs grep -l x` under the rule "xargs grep": the rest belongs to grep, judged as its own command.
  if (risks.runsCommand && subcommand !== undefined && subcommand < from) return riskyOption(words.slice(subcommand), from - subcommand);
  const extra = subcommand === undefined ? [] : risks.subcommands?.[words[subcommand]] ?? [];
  for (let at = Math.max(from, 1); at < words.length; at++) {
    const word = words[at];
    if (word === '--' && !risks.ignoresDoubleDash) break;
    const early = subcommand === undefined || at < subcommand ? risks.beforeSubcommand ?? [] : [];
    const option = [...(risks.options ?? []), ...early, ...extra].find((spec) => matches(spec, word));
    if (option) return `\`${word}\` (${program} ${option}) can write files or run other code`;
    if (word.startsWith('-')) continue;
    if (risks.words?.includes(word) || extra.includes(word)) return `\`${program} ${word}\` runs other code`;
    if (risks.runsCommand) return `${program} runs \`${word}\`, which the rule does not name`;
  }
  return risks.check?.(words, from);
}

/** A rule naming one of these options with its value (`node -e 'script'`) covers that exact command only. */
export function namesRiskyOption(words: readonly string[]): boolean {
  for (let k = 1; k < words.length - 1; k++) {
    if (words[k].startsWith('-') && riskyOption(words.slice(0, k + 1), k) !== undefined) return true;
  }
  return false;
}

/** Whether a word bash may expand from a wildcard could change what the program runs (sed's script, xargs's command). */
export function readsCodeFromWords(program: string): boolean {
  const risks = TABLE[baseName(program)];
  return risks !== undefined && (risks.runsCommand === true || risks.check !== undefined || risks.words !== undefined);
}

function subcommandAt(words: readonly string[], risks: ProgramRisks): number | undefined {
  for (let at = 1; at < words.length; at++) {
    if (words[at] === '--') return undefined;
    if (risks.globalValues?.includes(words[at])) at++;
    else if (!words[at].startsWith('-')) return at;
  }
  return undefined;
}

/**
 * Whether a word spells the option: `--output`, `--output=x` or an abbreviation (`--out=x`, which
 * GNU and npm's parsers accept), `-o`, `-ox` or `-ro` (short options combine), `-exec` (find's
 * words), `-fprint*` (any word it starts).
 */
function matches(spec: string, word: string): boolean {
  if (spec.endsWith('*')) return word.startsWith(spec.slice(0, -1));
  if (spec.startsWith('--')) {
    if (!word.startsWith('--') || word.length < 3) return false;
    const name = word.split('=')[0].replace(/_/g, '-');
    return spec.startsWith(name);
  }
  if (spec.length > 2) return word === spec;
  return /^-[A-Za-z0-9]/.test(word) && !word.startsWith('--') && word.slice(1).includes(spec[1]);
}
