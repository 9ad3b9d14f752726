// Paths in a workspace folder whose content decides what runs later: git's hooks and config,
// the editor's tasks and settings (Ouro's allow rules among them), self-made tools, ignore rules,
// package-manager settings. Writing one needs the user's review even when edits are
// auto-approved, and sandboxed commands see them read-only. One list, for both guards.

export const PROTECTED_PATHS: readonly string[] = ['.git', '.vscode', '.ouro/tools', '.ouroignore', '.npmrc', '.yarnrc', '.yarnrc.yml'];
