// Ids for tool calls the client makes up (a server that sends none, a call written as text).

/** Six random characters: ids stay unique across clients and conversations, short enough for every server. */
export function randomTag(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}
