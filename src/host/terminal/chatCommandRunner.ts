// The chat's command runner: the "Ouro" terminal, one for the whole window so the user can watch
// it, with every command inside the OS sandbox unless the user turned it off
// (`ouro.sandbox.enabled`) or this machine has none. Chosen again only when that setting changes.
import type { CommandRunner, Isolation } from '../../agent/commands/commandRunner';
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import { readSandboxSettings } from '../settings/settings';
import { TerminalCommandRunner } from './terminalCommandRunner';

const terminal = new TerminalCommandRunner();
let chosen: { enabled: boolean; runner: Promise<CommandRunner> } | undefined;

export function chatCommandRunner(): Promise<CommandRunner> {
  const { enabled } = readSandboxSettings();
  if (chosen?.enabled !== enabled) {
    void disposeChatCommandRunner();
    chosen = { enabled, runner: isolatedRunner(terminal, { enabled, allowNetwork: () => readSandboxSettings().allowNetwork }) };
  }
  return chosen.runner;
}

/** Closes what the chosen runner started (the sandbox's network proxy); the terminal stays for the next one. */
export async function disposeChatCommandRunner(): Promise<void> {
  const runner = chosen?.runner;
  chosen = undefined;
  await (await runner)?.dispose?.();
}

/** What the chat says, once, when commands run without a sandbox; undefined in the sandbox. */
export function noSandboxNotice(isolation: Isolation | undefined): string | undefined {
  if (isolation?.kind === 'sandbox') return undefined;
  const reason = isolation?.reason ?? 'this editor runs commands without a sandbox';
  return isolation?.kind === 'off'
    ? `Commands run without the sandbox (${reason}): an allow rule lets only the exact command it names run without asking.`
    : `Commands run without a sandbox here (${reason}): every command asks first, whatever the allow rules say.`;
}
