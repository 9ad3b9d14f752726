// The sandbox plan for a command in a workspace folder, from the real file system: the folder's
// real path (writable), its protected paths that exist (read-only again, at their real target,
// so a link to .git is as read-only as .git), the secrets in the user's home that exist (hidden).
import { lstat, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { PROTECTED_PATHS } from '../../workspace/protectedPaths';
import type { SandboxNetwork, SandboxPlan } from './bubblewrapArgs';
import { HOME_SECRETS } from './homeSecrets';

export interface SandboxScope {
  /** The workspace folder the command may write. */
  root: string;
  /** Where it starts, inside `root`. */
  cwd: string;
  network: SandboxNetwork;
  home?: string;
}

export async function sandboxPlanFor(scope: SandboxScope): Promise<SandboxPlan> {
  const root = await realpath(scope.root);
  const readOnly = (await Promise.all(PROTECTED_PATHS.map((relative) => realTarget(path.join(root, relative))))).filter((target) => target !== undefined);
  const home = scope.home ?? homedir();
  const hidden = (await Promise.all(HOME_SECRETS.map((relative) => secretAt(path.join(home, relative))))).filter((secret) => secret !== undefined);
  return { writable: [root], readOnly: [...new Set(readOnly)], hidden, network: scope.network, cwd: await realpath(scope.cwd) };
}

/** Protected paths that do not exist yet: a sandboxed command could create them (see changedProtectedPaths). */
export async function missingProtectedPaths(root: string): Promise<string[]> {
  const missing = await Promise.all(PROTECTED_PATHS.map(async (relative) => ((await exists(path.join(root, relative))) ? undefined : relative)));
  return missing.filter((relative) => relative !== undefined);
}

async function realTarget(file: string): Promise<string | undefined> {
  try {
    return await realpath(file);
  } catch {
    return undefined;
  }
}

async function secretAt(file: string): Promise<SandboxPlan['hidden'][number] | undefined> {
  const target = await realTarget(file);
  if (!target) return undefined;
  const info = await lstat(target);
  return { path: target, kind: info.isDirectory() ? 'directory' : 'file' };
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
