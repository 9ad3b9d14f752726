// The person's own changes to what the agent proposed, as the model reads them: a unified diff
// without the file header, cut short when it is long.
import { createTwoFilesPatch } from 'diff';

const MAX_DIFF_LINES = 200;

/** A unified diff from what was proposed to what the user accepted, without the file header. */
export function userDiff(path: string, proposed: string, written: string): string {
  const patch = createTwoFilesPatch(path, path, proposed, written, 'proposed', 'accepted', { context: 2 });
  const lines = patch.split('\n');
  const body = lines.slice(lines.findIndex((line) => line.startsWith('---'))).filter((line, i, all) => line !== '' || i < all.length - 1);
  if (body.length <= MAX_DIFF_LINES) return body.join('\n');
  return [...body.slice(0, MAX_DIFF_LINES), `[${body.length - MAX_DIFF_LINES} more diff lines not shown; read the file to see all of it.]`].join('\n');
}
