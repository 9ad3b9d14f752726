// An eval suite is a folder of tasks. Each task is a folder with task.json (the prompt, the
// step limit, the check) and workspace/, the project the agent starts from, or in task.json a
// git reference to it (a repository, a commit and a patch, as mined tasks have); the check runs
// in the agent's copy after it stops and decides pass or fail by its exit code.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import * as z from 'zod';
import { describeFileIssues } from '../../agent/schemaIssues';
import type { GitSource } from './gitWorkspace';

export const TASK_FILE = 'task.json';
export const TASK_WORKSPACE = 'workspace';

const taskSchema = z.strictObject({
  prompt: z.string().trim().min(1),
  /** A shell command line, run in the agent's copy of the workspace; OURO_TASK_DIR names the task folder. */
  check: z.string().trim().min(1),
  max_steps: z.number().int().min(1).max(500).default(20),
  /** What the agent may do without asking; it works on a throwaway copy, so everything by default. */
  approve: z.enum(['none', 'edits', 'all']).default('all'),
  check_timeout_s: z.number().positive().max(3600).default(120),
  /** What the task measures, for people reading the suite. */
  about: z.string().optional(),
  /** The workspace as a commit of a repository instead of a workspace/ folder. */
  git: z
    .strictObject({
      /** The repository: absolute, or relative to the task folder. */
      repo: z.string().min(1),
      commit: z.string().regex(/^[0-9a-f]{7,64}$/, 'a commit id in hex'),
      /** A patch file in the task folder, applied on top of the commit. */
      patch: z.string().regex(/^[\w.-]+$/, 'a file name in the task folder').optional(),
    })
    .optional(),
});

export interface EvalTask {
  name: string;
  /** The task folder (absolute). */
  dir: string;
  prompt: string;
  check: string;
  maxSteps: number;
  approve: 'none' | 'edits' | 'all';
  checkTimeoutMs: number;
  /** Where the workspace comes from when it is not the task's workspace/ folder. */
  git?: GitSource;
}

export interface EvalSuite {
  tasks: EvalTask[];
  /** Task folders that cannot be run, and why. */
  problems: string[];
}

/** The tasks of `dir` in name order, only those named in `only` when given. */
export async function loadSuite(dir: string, only: readonly string[] = []): Promise<EvalSuite> {
  const entries = await readdir(dir, { withFileTypes: true });
  const tasks: EvalTask[] = [];
  const problems: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (only.length > 0 && !only.includes(entry.name)) continue;
    const taskDir = join(dir, entry.name);
    const loaded = await loadTask(entry.name, taskDir);
    if (typeof loaded === 'string') problems.push(`${entry.name}: ${loaded}`);
    else tasks.push(loaded);
  }
  for (const name of only) {
    if (!entries.some((entry) => entry.isDirectory() && entry.name === name)) problems.push(`${name}: there is no such task in the suite`);
  }
  return { tasks, problems };
}

async function loadTask(name: string, dir: string): Promise<EvalTask | string> {
  const text = await readFile(join(dir, TASK_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return `it has no ${TASK_FILE}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return `${TASK_FILE} is not valid JSON (${(err as Error).message})`;
  }
  const parsed = taskSchema.safeParse(json);
  if (!parsed.success) return `${TASK_FILE}: ${describeFileIssues(parsed.error.issues)}`;
  const task = parsed.data;
  const git = task.git && { repo: isAbsolute(task.git.repo) ? task.git.repo : resolve(dir, task.git.repo), commit: task.git.commit, patch: task.git.patch && join(dir, task.git.patch) };
  if (git?.patch && !existsSync(git.patch)) return `its patch ${task.git?.patch} is missing`;
  if (!git && !existsSync(join(dir, TASK_WORKSPACE))) return `it has no ${TASK_WORKSPACE}/ folder and no git reference`;
  return { name, dir, prompt: task.prompt, check: task.check, maxSteps: task.max_steps, approve: task.approve, checkTimeoutMs: task.check_timeout_s * 1000, ...(git ? { git } : {}) };
}
