// Environment variables that make a program load or run code, or read its settings from
// elsewhere (which can then run code): `NODE_OPTIONS=--require x npm test` runs x. Setting any
// other variable before an allowed command (`CI=1 npm test`) is fine. Pure.

const NAMES = new Set([
  'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'PROMPT_COMMAND', 'IFS', 'CDPATH', 'ZDOTDIR',
  'HOME', 'PAGER', 'MANPAGER', 'EDITOR', 'VISUAL', 'BROWSER', 'SHELL', 'LESSOPEN', 'LESSCLOSE',
  'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'PYTHONSTARTUP', 'PYTHONWARNINGS', 'PYTHONBREAKPOINT',
  'PERL5DB', 'TAR_OPTIONS', 'GZIP', 'GCONV_PATH', 'HOSTALIASES', 'TERMINFO', 'INPUTRC',
]);

// Whole families: the dynamic loader, git (pagers, editors, ssh, diff drivers, config and
// directories), package managers' configuration, shells' exported functions, XDG config folders.
const PREFIXES = ['LD_', 'DYLD_', 'GIT_', 'NPM_CONFIG_', 'YARN_', 'PNPM_', 'BUN_', 'BASH_FUNC_', 'XDG_'];
const HARMLESS_GIT = /^GIT_(?:AUTHOR|COMMITTER)_(?:NAME|EMAIL|DATE)$|^GIT_TERMINAL_PROMPT$|^GIT_OPTIONAL_LOCKS$/;

// Names shaped like "options", "a command", "a search path", "a config file" or "a program to
// run" (PYTEST_ADDOPTS, JAVA_TOOL_OPTIONS, GIT_SSH_COMMAND, PYTHONPATH, RUBYOPT, SUDO_ASKPASS).
const SHAPES = /(?:OPTS?|OPTIONS|ARGS|FLAGS|COMMAND|CMD|PATH|LIB|HOME|CONFIG|RC|PRELOAD|ASKPASS|EDITOR|PAGER|SHELL|PROGRAM|HOOK)$/;

/** Why setting this variable before a command could make it run code, or undefined when it cannot. */
export function riskyVariable(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (HARMLESS_GIT.test(upper)) return undefined;
  if (NAMES.has(upper) || PREFIXES.some((prefix) => upper.startsWith(prefix)) || SHAPES.test(upper)) {
    return `sets ${name}, which can make a program run other code`;
  }
  return undefined;
}
