// How a failed tool result reads to the model. A refusal in plain prose ("old_string matches 2
// places…") is taken for success by small models, so every result with `isError` starts with the
// one marker they all recognise. Applied once, where results become tool messages.

export const ERROR_MARKER = 'Error: ';

/** `content` with the marker in front, unless it already starts with it. */
export function markedAsError(content: string): string {
  return /^error:/i.test(content) ? content : `${ERROR_MARKER}${content}`;
}

/** For a display that already shows a failure its own way (✗, a red card): the text after the marker. */
export function withoutErrorMarker(content: string): string {
  return content.startsWith(ERROR_MARKER) ? content.slice(ERROR_MARKER.length) : content;
}
