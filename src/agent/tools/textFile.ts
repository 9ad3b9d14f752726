// Loading a file for the file tools: resolve it, check it is a text file, decode it. The checks
// and their messages are the same whether the tool reads, replaces or edits it.
import type { Workspace } from '../workspace/workspace';
import { decodeText } from '../workspace/text';
import { formatBytes } from './fileDisplay';

export interface TextFile {
  size: number;
  /** Without the byte-order mark. */
  text: string;
  bom: boolean;
  /** Not valid UTF-8 everywhere: the text has replacement characters. */
  lossy: boolean;
}

/** `file` is undefined when nothing exists at the path yet; `error` says why it cannot be used. */
export type LoadedFile = { display: string; file?: TextFile; error?: undefined } | { display: string; error: string };

export async function loadTextFile(workspace: Workspace, path: string, maxBytes = Infinity): Promise<LoadedFile> {
  const { display } = await workspace.resolve(path);
  const info = await workspace.stat(path);
  if (!info) return { display };
  if (info.type === 'directory') return { display, error: `${display} is a folder; use list_files to see what is in it.` };
  if (info.size > maxBytes) return { display, error: `${display} is too large to read (${formatBytes(info.size)}); use search_files to find what you need in it.` };
  const decoded = decodeText(await workspace.readFile(path));
  if (decoded.kind === 'binary') return { display, error: `${display} is a binary file (${formatBytes(info.size)}): ${decoded.reason}. Only text files can be read or changed.` };
  return { display, file: { size: info.size, text: decoded.text, bom: decoded.bom, lossy: decoded.lossy } };
}

/** "File not found", with the names in the same folder that look like what was meant. */
export async function fileNotFound(workspace: Workspace, display: string, hint = ''): Promise<string> {
  const slash = display.lastIndexOf('/');
  const folder = slash < 0 ? '.' : display.slice(0, slash);
  const wanted = display.slice(slash + 1).toLowerCase();
  const listing = await workspace.list(folder, { recursive: false, limit: 1000 }).catch(() => undefined);
  // Case differences count as close: the name is compared in lower case.
  const similar = (listing?.entries ?? []).filter((entry) => {
    const name = entry.slice(entry.lastIndexOf('/', entry.length - 2) + 1).replace(/\/$/, '').toLowerCase();
    return stem(name) === stem(wanted) || editDistance(name, wanted) <= 2;
  });
  const suggestion = similar.length > 0 ? ` Did you mean ${similar.slice(0, 3).join(', ')}?` : '';
  return `File not found: ${display}.${suggestion}${hint}`;
}

function stem(name: string): string {
  const dot = name.indexOf('.', 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/** Levenshtein distance, enough to catch a typo or a wrong letter case in a file name. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
