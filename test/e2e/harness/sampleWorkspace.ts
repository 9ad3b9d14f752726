// The fixture workspace the editor tests open, copied so that no test changes the original.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SAMPLE_WORKSPACE = path.resolve(__dirname, '..', '..', 'fixtures', 'sample-workspace');

/** Copies test/fixtures/sample-workspace into `parent`/sample-workspace and returns that path. */
export function copySampleWorkspace(parent: string): string {
  const target = path.join(parent, 'sample-workspace');
  fs.cpSync(SAMPLE_WORKSPACE, target, { recursive: true });
  return target;
}
