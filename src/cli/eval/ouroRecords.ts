// A project's .ouro folder also holds the records of measuring it: the mined eval suite
// (.ouro/evals) and what each improvement round tried (.ouro/improve). They are not rules, tools
// or skills: they never go into a task's workspace (a mined task's fix would be in sight) and are
// never part of an improvement's change.
import { cp } from 'node:fs/promises';
import { relative, sep } from 'node:path';

export const OURO_RECORDS = ['evals', 'improve'];

/** Whether a path relative to a .ouro folder ("/"-separated) lies in one of the records. */
export function isOuroRecord(path: string): boolean {
  return OURO_RECORDS.includes(path.split('/')[0]);
}

/** Copies a .ouro folder without its records. */
export async function copyOuro(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, filter: (source) => !isOuroRecord(relative(from, source).split(sep).join('/')) });
}
