// Which paths the tools may not see, in gitignore syntax via the `ignore` package. Pure: callers
// feed it the contents of the ignore files, so the Node and the VS Code workspaces share it.
//
// Nested .gitignore files are rewritten into patterns anchored at their folder and added to one
// matcher, shallow files first: gitignore's "the deeper file wins" then falls out of "the last
// matching rule wins", and "a file under an excluded folder cannot be re-included" out of the
// matcher's parent check. .ouroignore (at a folder's root) can only hide more.
import ignore, { type Ignore } from 'ignore';

export const GITIGNORE = '.gitignore';
export const OUROIGNORE = '.ouroignore';

/** Folders left out of listings and searches (still readable when nothing ignores them). */
const UNLISTED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * Refused for reading unless the user allows it: environment files and private keys. Templates
 * meant to be committed (.env.example) and public keys (*.pub) hold no secrets.
 */
const SECRET_PATTERNS = [
  '.env*',
  '!.env.example',
  '!.env.sample',
  '!.env.template',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '!*.pub',
  '.netrc',
  '.pgpass',
];

const secretMatcher = ignore({ ignorecase: true }).add(SECRET_PATTERNS);

export class IgnoreRules {
  // Case-sensitive like git on Linux and like ripgrep, so both search engines agree.
  private readonly gitignore = ignore({ ignorecase: false });
  private readonly ouroignore = ignore({ ignorecase: false });
  // Most folders have no .ouroignore and many no .gitignore: skip the matcher then (a listing
  // asks about every path).
  private hasGitignore = false;
  private hasOuroignore = false;

  /**
   * Adds one ignore file. `dir` is the folder holding it, relative to the workspace folder
   * ("" for the root). Add a folder's file before the files of its subfolders.
   */
  add(dir: string, name: typeof GITIGNORE | typeof OUROIGNORE, content: string): void {
    const mark = dir === '' ? name : `${dir}/${name}`;
    const patterns = anchorIgnoreFile(dir, content)
      .split('\n')
      .map((pattern) => ({ pattern, mark }));
    if (name === OUROIGNORE) {
      this.ouroignore.add(patterns);
      this.hasOuroignore = true;
    } else {
      this.gitignore.add(patterns);
      this.hasGitignore = true;
    }
  }

  /** Whether an ignore file hides `relative` (or one of its parent folders) from every tool. */
  hides(relative: string, isDirectory: boolean): boolean {
    return this.hiddenBy(relative, isDirectory) !== undefined;
  }

  /**
   * `hides` for an entry of a folder already known not to be hidden, as a walk sees each entry
   * (it never enters a hidden folder, and a folder's own .gitignore cannot match the folder):
   * the folders above are not judged again, which is most of what `hides` costs in a listing.
   */
  hidesInVisibleFolder(relative: string, isDirectory: boolean): boolean {
    const path = isDirectory ? `${relative}/` : relative;
    return (this.hasOuroignore && matchesItself(this.ouroignore, path)) || (this.hasGitignore && matchesItself(this.gitignore, path));
  }

  /** The ignore file that hides `relative` (e.g. "src/.gitignore"), if one does. */
  hiddenBy(relative: string, isDirectory: boolean): string | undefined {
    if (relative === '') return undefined;
    const path = isDirectory ? `${relative}/` : relative;
    if (this.hasOuroignore) {
      const byOuro = this.ouroignore.test(path);
      if (byOuro.ignored) return byOuro.rule?.mark ?? OUROIGNORE;
    }
    if (!this.hasGitignore) return undefined;
    const byGit = this.gitignore.test(path);
    return byGit.ignored ? (byGit.rule?.mark ?? GITIGNORE) : undefined;
  }
}

/** The rule list inside an `ignore` matcher, which tests one path without its parent folders. */
interface OwnRules {
  _rules?: { test?(path: string, mode: 'regex'): { ignored: boolean } };
}

/**
 * Whether `path`'s own rules ignore it (the last matching rule wins), its folders taken as not
 * ignored: what `ignore` computes for a path once its parent is known not to be. That step is
 * not public, so the pinned version is checked against the public `test()` in the unit tests,
 * and any other falls back to `test()`.
 */
function matchesItself(matcher: Ignore, path: string): boolean {
  const own = (matcher as unknown as OwnRules)._rules;
  return typeof own?.test === 'function' ? own.test(path, 'regex').ignored : matcher.test(path).ignored;
}

/**
 * The ignore files that decide whether `relative` is hidden: .ouroignore at the root, then the
 * .gitignore of the root and of every folder above `relative`, in the order to add them.
 */
export function ignoreFilesFor(relative: string): Array<{ dir: string; name: typeof GITIGNORE | typeof OUROIGNORE }> {
  const files: Array<{ dir: string; name: typeof GITIGNORE | typeof OUROIGNORE }> = [
    { dir: '', name: OUROIGNORE },
    { dir: '', name: GITIGNORE },
  ];
  const segments = relative.split('/').filter(Boolean);
  for (let depth = 1; depth < segments.length; depth++) {
    files.push({ dir: segments.slice(0, depth).join('/'), name: GITIGNORE });
  }
  return files;
}

/** `.git/` and `node_modules/`, at any depth, stay out of listings and searches. */
export function isUnlisted(relative: string): boolean {
  // Asked about every search result: rule most paths out without splitting them.
  if (!relative.includes('.git') && !relative.includes('node_modules')) return false;
  return relative.split('/').some((segment) => UNLISTED_FOLDERS.has(segment));
}

export function isUnlistedFolderName(name: string): boolean {
  return UNLISTED_FOLDERS.has(name);
}

/** Environment files and private keys: refused for reading unless the user allows secrets. */
export function isSecret(relative: string): boolean {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  return name !== '' && secretMatcher.ignores(name);
}

/** A whole ignore file from folder `dir`, rewritten to match workspace-relative paths. */
export function anchorIgnoreFile(dir: string, content: string): string {
  return content
    .split(/\r?\n/)
    .map((line) => anchorPattern(dir, line))
    .join('\n');
}

/**
 * Rewrites one line of the ignore file in `dir` so it matches paths relative to the workspace
 * folder: a pattern with a slash (other than a trailing one) is anchored at `dir`, one without
 * matches at any depth below it.
 */
export function anchorPattern(dir: string, line: string): string {
  if (dir === '' || line.trim() === '' || line.startsWith('#')) return line;
  const negated = line.startsWith('!');
  let body = negated ? line.slice(1) : line;
  const anchored = body.replace(/\/+\s*$/, '').includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  const prefix = `${dir.replace(/[*?[\]\\]/g, '\\$&')}/${anchored ? '' : '**/'}`;
  return `${negated ? '!' : ''}${prefix}${body}`;
}
