// The commits worth mining: along the first parents of HEAD, newest first, those that change
// source files and test files together (a fix with its test), each compared with its first
// parent.
import { git } from '../gitRun';
import { isSourceFile, isTestFile } from './testFiles';

export interface CandidateCommit {
  id: string;
  /** The first parent: the project before the change. */
  parent: string;
  message: string;
  /** Test files the commit adds or changes, as paths in the repository. */
  tests: string[];
  sources: string[];
}

/** Candidates from HEAD back to `since` (not included) or the first commit. */
export async function candidateCommits(repo: string, since?: string, signal?: AbortSignal): Promise<CandidateCommit[]> {
  let range = 'HEAD';
  if (since !== undefined) {
    if (since.startsWith('-')) throw new Error(`--since takes a commit, not "${since}"`);
    const base = (await git(repo, ['rev-parse', '--verify', '--quiet', `${since}^{commit}`], signal).catch(() => '')).trim();
    if (!base) throw new Error(`--since ${since} is not a commit of ${repo}`);
    range = `${base}..HEAD`;
  }
  // Deleted files are left out: a check cannot run a test that is gone.
  const log = await git(repo, ['log', '--first-parent', '--diff-merges=first-parent', '--diff-filter=d', '--name-only', '--format=%x1e%H%x1f%P%x1f%B%x1f', range], signal);
  const candidates: CandidateCommit[] = [];
  for (const record of log.split('\x1e').slice(1)) {
    const [id, parents, message, names] = record.split('\x1f');
    const parent = parents.split(' ')[0];
    if (!parent) continue;
    const files = names.split('\n').filter(Boolean);
    const tests = files.filter(isTestFile);
    const sources = files.filter(isSourceFile);
    if (tests.length > 0 && sources.length > 0) candidates.push({ id, parent, message: message.trim(), tests, sources });
  }
  return candidates;
}
