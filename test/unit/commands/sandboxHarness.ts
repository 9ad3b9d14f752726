// For tests whose commands run as they would for a user: in the sandbox.
import * as assert from 'node:assert/strict';
import type { CommandRunner } from '../../../src/agent/commands/commandRunner';
import { NO_NETWORK } from '../../../src/agent/commands/sandbox/networkAccess';
import { SandboxedRunner } from '../../../src/agent/commands/sandbox/sandboxedRunner';
import { sandboxSupport } from '../../../src/agent/commands/sandbox/sandboxSupport';

/** bubblewrap's path; fails the suite, with how to fix it, where there is none. */
export async function bubblewrap(): Promise<string> {
  const support = await sandboxSupport();
  assert.equal(support.kind, 'bubblewrap', `these tests run commands in bubblewrap, which npm test installs: ${support.kind === 'none' ? support.reason : ''}`);
  return support.kind === 'bubblewrap' ? support.path : '';
}

export function inSandbox(inner: CommandRunner, bwrap: string): CommandRunner {
  return new SandboxedRunner(inner, { sandbox: { kind: 'bubblewrap', path: bwrap }, network: () => NO_NETWORK });
}
