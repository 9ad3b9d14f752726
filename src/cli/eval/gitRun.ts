// Runs git as a program (never through a shell), so commit names and paths from a project's
// history are only ever arguments.
import { execFile } from 'node:child_process';

const GIT_OUTPUT_BYTES = 64 * 1024 * 1024;

/** git's output; rejects with git's own words when it fails. */
export function git(cwd: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: GIT_OUTPUT_BYTES, signal, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args[0]} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
