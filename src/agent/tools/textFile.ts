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
