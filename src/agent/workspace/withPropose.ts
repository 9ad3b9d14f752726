// A Workspace whose `propose` is wrapped (to report it, to checkpoint it) and whose other methods
// go straight to the real one. Delegates explicitly, not by prototype, so implementations with
// private fields keep working.
import type { Workspace } from './workspace';

export function withPropose(workspace: Workspace, propose: Workspace['propose']): Workspace {
  return {
    get folders() {
      return workspace.folders;
    },
    resolve: (path) => workspace.resolve(path),
    stat: (path) => workspace.stat(path),
    readFile: (path) => workspace.readFile(path),
    list: (path, options) => workspace.list(path, options),
    search: (query) => workspace.search(query),
    propose,
  };
}
