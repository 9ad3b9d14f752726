// A program's command line inside the sandbox that `sandbox` names, by `plan`, with the
// launchers' folder hidden as well (see sandboxLauncher): the one place both sandboxes are
// chosen between, for commands and for MCP servers alike.
import { bubblewrapArgs, type SandboxPlan } from './bubblewrapArgs';
import { seatbeltArgs } from './seatbeltArgs';

export interface SandboxProgram {
  kind: 'bubblewrap' | 'seatbelt';
  path: string;
}

export function sandboxArgv(sandbox: SandboxProgram, plan: SandboxPlan, launchers: string | undefined, inside: readonly string[]): string[] {
  const hidden = launchers ? [...plan.hidden, { path: launchers, kind: 'directory' as const }] : plan.hidden;
  const args = sandbox.kind === 'seatbelt' ? seatbeltArgs({ ...plan, hidden }) : bubblewrapArgs({ ...plan, hidden });
  return [sandbox.path, ...args, '--', ...inside];
}
