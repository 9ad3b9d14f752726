// The last command each terminal ran and what it printed, kept through shell integration from
// the moment Ouro starts, for @terminal. Only the end of long output is kept.
import * as vscode from 'vscode';
import type { TerminalText } from '../../agent/mentions/terminalMention';
import { MAX_TERMINAL_CHARS } from '../../agent/mentions/terminalMention';

export class LastTerminalCommands implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.Terminal, { execution: vscode.TerminalShellExecution; text: TerminalText & { kind: 'command' } }>();
  private readonly subscriptions = [
    vscode.window.onDidStartTerminalShellExecution((event) => void this.record(event)),
    vscode.window.onDidEndTerminalShellExecution((event) => {
      const entry = this.last.get(event.terminal);
      if (entry?.execution === event.execution) entry.text.exitCode = event.exitCode;
    }),
  ];

  /** What `terminal` ran last, if shell integration saw it. */
  lastCommand(terminal: vscode.Terminal): TerminalText | undefined {
    return this.last.get(terminal)?.text;
  }

  private async record(event: vscode.TerminalShellExecutionStartEvent): Promise<void> {
    const text: TerminalText & { kind: 'command' } = { kind: 'command', commandLine: event.execution.commandLine.value, output: '' };
    this.last.set(event.terminal, { execution: event.execution, text });
    try {
      for await (const chunk of event.execution.read()) text.output = (text.output + chunk).slice(-2 * MAX_TERMINAL_CHARS);
    } catch {
      // The terminal closed while it printed: what came so far stays.
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
