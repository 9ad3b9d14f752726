// Chooses, once at start, how commands are contained: the sandbox when the user wants one and
// the machine has one, else the plain runner, marked with why (so every command asks, and the
// chat or the CLI can say so once).
import type { CommandRunner, Isolation } from '../commandRunner';
import { networkAllowed } from './networkAccess';
import { SandboxedRunner } from './sandboxedRunner';
import { sandboxSupport, type SandboxSupport } from './sandboxSupport';

export interface SandboxSettings {
  /** The user's choice (`ouro.sandbox.enabled`, `--sandbox`). */
  enabled: boolean;
  /** Hosts commands may reach (`ouro.sandbox.allowNetwork`, `--allow-network`); read on every run. */
  allowNetwork: () => readonly string[];
}

export async function isolatedRunner(inner: CommandRunner, settings: SandboxSettings, probe: () => Promise<SandboxSupport> = sandboxSupport): Promise<CommandRunner> {
  if (!settings.enabled) return withIsolation(inner, { kind: 'off', reason: 'the sandbox is turned off in the settings' });
  const sandbox = await probe();
  if (sandbox.kind === 'none') return withIsolation(inner, { kind: 'none', reason: sandbox.reason });
  return new SandboxedRunner(inner, { sandbox, network: () => networkAllowed(settings.allowNetwork()).access });
}

function withIsolation(inner: CommandRunner, isolation: Isolation): CommandRunner {
  return {
    rules: () => inner.rules(),
    isolation: () => isolation,
    run: (command, cwd, options) => inner.run(command, cwd, options),
    ...(inner.runProgram ? { runProgram: inner.runProgram.bind(inner) } : {}),
  };
}
