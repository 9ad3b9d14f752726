// What a drop on the chat carries: the URIs of a uri-list. Pure.

/** VS Code's own drag data first; `text/uri-list` is what other sources give. */
export const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

/** The URIs of a uri-list: one a line, `#` lines are comments. */
export function droppedUris(data: DataTransfer | null): string[] {
  for (const type of URI_LIST_TYPES) {
    const list = data?.getData(type) ?? '';
    const uris = list
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    if (uris.length > 0) return uris;
  }
  return [];
}
