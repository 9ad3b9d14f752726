// What each improvement round tried, kept where a person can look: .ouro/improve/<start>/ in
// the project holds the split, and per round the candidate change as a diff, its scores and the
// decision with its reason.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PartScore {
  passed: number;
  runs: number;
}

export interface RoundScores {
  train: PartScore;
  heldOut: PartScore;
  tokensPerRun: number;
}

export interface RoundRecord {
  round: number;
  /** The tasks whose failure reports the agent was shown. */
  failuresShown?: string[];
  /** The candidate change as a unified diff (none for round 0 or when nothing was proposed). */
  change?: string;
  before?: RoundScores;
  after?: RoundScores;
  decision: 'baseline' | 'kept' | 'discarded' | 'no change';
  reason: string;
}

/** The folder for one run of `improve`, named for when it started: 2026-01-31T09-15-00Z. */
export function improveRecordDir(project: string, started: Date): string {
  return join(project, '.ouro', 'improve', started.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
}

export async function writeSplitRecord(dir: string, split: { holdout: number; seed: number; train: string[]; heldOut: string[] }): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'split.json'), `${JSON.stringify(split, null, 2)}\n`);
}

export async function writeRoundRecord(dir: string, record: RoundRecord): Promise<void> {
  const folder = join(dir, `round-${record.round}`);
  await mkdir(folder, { recursive: true });
  const { change, ...scores } = record;
  if (change) await writeFile(join(folder, 'change.diff'), change);
  await writeFile(join(folder, 'scores.json'), `${JSON.stringify(scores, null, 2)}\n`);
  await writeFile(join(folder, 'decision.md'), `${record.decision}: ${record.reason}\n`);
}
