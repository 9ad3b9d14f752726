// @terminal: the active terminal's last command and what it printed (through shell integration),
// or, where there is none, what is selected in the terminal. Long output keeps its end: that is
// where the error and the summary are.

export const MAX_TERMINAL_CHARS = 20_000;

export type TerminalText = { kind: 'command'; commandLine: string; output: string; exitCode?: number } | { kind: 'selection'; text: string };

export function terminalMention(terminal: string, text: TerminalText): string {
  if (text.kind === 'selection') return `The selection in the terminal "${terminal}":\n${tail(text.text)}`;
  const exit = text.exitCode === undefined ? '' : ` (exit code ${text.exitCode})`;
  return `The last command in the terminal "${terminal}"${exit}:\n$ ${text.commandLine}\n${tail(stripAnsi(text.output))}`;
}

function tail(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed.length <= MAX_TERMINAL_CHARS) return trimmed;
  return `[${trimmed.length - MAX_TERMINAL_CHARS} earlier characters left out]\n${trimmed.slice(-MAX_TERMINAL_CHARS)}`;
}

/** Colours, cursor moves and the shell integration's own OSC sequences. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g, '').replace(/\r\n?/g, '\n');
}
