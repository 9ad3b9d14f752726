// Paths in a workspace folder whose content decides what runs later: git's hooks and config,
// the editor's tasks and settings (Ouro's allow rules among them), self-made tools, hooks, ignore rules,
// package-manager settings. Writing one needs the user's review even when edits are
// auto-approved, and sandboxed commands see them read-only. One list, for both guards; writes
// are judged at their real target (see protectedTarget).
import { existsOnDisk, gitDirAroundWrite, type ExistsIn } from './gitDirLookAlike';
import { relativeInside } from './paths';

export const PROTECTED_PATHS: readonly string[] = ['.git', '.vscode', '.ouro/tools', '.ouro/hooks.json', '.claude', '.github/hooks', '.ouroignore', '.npmrc', '.yarnrc', '.yarnrc.yml'];

const WHY: Record<string, string> = {
  '.git': "git's hooks and config",
  '.vscode': "the editor's settings and tasks, Ouro's allow rules among them",
  '.ouro/tools': "a self-made tool's script or manifest",
  '.ouro/hooks.json': 'hooks: commands Ouro runs around every tool call',
  '.claude': "another agent's settings and hooks, which Ouro runs too",
  '.github/hooks': "Copilot's hooks, which Ouro runs too",
  '.ouroignore': 'the rules of what the tools may see',
  '.npmrc': 'package-manager settings (node options, script shell)',
};

export interface ProtectedTarget {
  /** The real target, relative to its workspace folder. */
  target: string;
  /** What the target is, for the reviewer and the model. */
  why: string;
  /** Inside a `.git` folder: such writes are refused outright. */
  insideGit: boolean;
}

/**
 * Whether a write to `realTarget` (absolute, links resolved; for a new file its real parent plus
 * the rest) in the workspace folder whose real path is `root` is protected: the target is, or is
 * inside, a protected path (at any depth: npm reads a package's own .npmrc), or it makes or
 * fills a folder that looks like a git directory. `exists` looks at the disk (default: Node's).
 */
export async function protectedTarget(root: string, realTarget: string, options: { exists?: ExistsIn; ignoreCase?: boolean } = {}): Promise<ProtectedTarget | undefined> {
  const target = relativeInside(root, realTarget, options);
  if (target === undefined || target === '') return undefined;
  const segments = target.toLowerCase().split('/');
  const listed = PROTECTED_PATHS.find((path) => containsRun(segments, path.split('/')));
  if (listed) return { target, why: WHY[listed] ?? WHY['.npmrc'], insideGit: listed === '.git' };
  const gitDir = await gitDirAroundWrite(options.exists ?? existsOnDisk(root), target);
  if (gitDir === undefined) return undefined;
  return { target, why: `${gitDir === '' ? 'the workspace folder' : gitDir} looks like a git directory (a HEAD beside a config, objects or refs), and git runs what its config and hooks say`, insideGit: false };
}

/** The sentence the reviewer and the model read: "… is protected: it decides what runs later (…)." */
export function protectedMessage(shown: string, relative: string, found: ProtectedTarget): string {
  const subject = found.target === relative ? shown : `${shown} leads to ${found.target}, which`;
  return `${subject} is protected: it decides what runs later (${found.why}).`;
}

function containsRun(segments: readonly string[], run: readonly string[]): boolean {
  for (let start = 0; start + run.length <= segments.length; start++) {
    if (run.every((segment, offset) => segments[start + offset] === segment)) return true;
  }
  return false;
}
