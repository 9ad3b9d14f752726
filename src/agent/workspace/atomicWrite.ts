// Writes a file so that readers see either the old content or the new, never half of it: a temp
// file in the same folder (so the rename stays on one file system), then a rename over the
// target. The target's permission bits are kept, so an executable script stays executable; a
// `mode` given sets them instead (a file of secrets is made 0600 before anything is in it).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(file: string, bytes: Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true });
  const mode = options.mode ?? (await stat(file).then((info) => info.mode & 0o7777, () => undefined));
  const temp = join(folder, `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx', ...(options.mode !== undefined ? { mode: options.mode } : {}) });
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
