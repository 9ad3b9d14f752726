// Finding a program by trying where it may be: the first candidate this process may execute.
// ripgrep (the search) and socat (the sandbox's bridge to its network proxy) are found this way.
import { access, constants } from 'node:fs/promises';

/** The first of `candidates` that exists and may be executed, or undefined. */
export async function firstExecutable(candidates: readonly string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not there or not executable: the next one.
    }
  }
  return undefined;
}
