// What went wrong with a request to one of VS Code's language models, in words a person can act
// on. `code` is LanguageModelError's: NoPermissions, Blocked, NotFound (others may be added).

export function describeLmError(code: string | undefined, message: string, model: string): string {
  const detail = message ? ` (${message})` : '';
  switch (code) {
    case 'NoPermissions':
      return `Ouro may not use the language model "${model}"${detail}. Allow it when VS Code asks, or under Accounts > Manage Language Model Access, and send again.`;
    case 'Blocked':
      return `The language model "${model}" refused the request${detail}: the quota or rate limit of its provider may be used up. Wait a little, or choose another model.`;
    case 'NotFound':
      return `The language model "${model}" is not available any more${detail}. Choose another one (ouro.model), or check that the extension providing it is installed and signed in.`;
    default:
      return `The language model "${model}" failed${code ? ` [${code}]` : ''}: ${message || 'no details'}`;
  }
}
