// A mined task's prompt: what the commit's author wrote (subject and body), with the links,
// issue numbers and trailers taken out, in a fixed frame that asks for the change and never
// shows it.
const TRAILER = /^(?:[\w-]+-by|Change-Id|Fixes|Closes|Resolves|Refs?|Bug|Issue)s?:\s|^(?:Fix|Fixes|Fixed|Close|Closes|Closed|Resolve|Resolves|Resolved)\s+\S+$/i;
/** A link, without the punctuation or bracket that ends the sentence around it. */
const URL = /\b(?:https?|ftp):\/\/[^\s)\]>]*[^\s)\]>.,;:!?'"]/g;
/** #123, GH-123, owner/repo#123, and a "(...)" left empty by taking one out. */
const ISSUE_LINK = /(?:\b[\w.-]+\/[\w.-]+)?#\d+\b|\bGH-\d+\b/g;

/** The message without links, issue references and trailers; blank runs squeezed. */
export function cleanMessage(message: string): string {
  const lines = message
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !TRAILER.test(line.trim()))
    .map((line) => line.replace(URL, '').replace(ISSUE_LINK, '').replace(/\(\s*[,;]?\s*\)|\[\s*\]/g, '').replace(/ {2,}/g, ' ').replace(/ +([.,;:])/g, '$1').replace(/[,;:]+([.,;:])/g, '$1').trimEnd());
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

export function taskPrompt(message: string): string {
  return [
    'Make this change to the project. Its author described it like this:',
    '',
    ...cleanMessage(message).split('\n').map((line) => (line ? `> ${line}` : '>')),
    '',
    'Tests for the change may already be in place; change the code so that they pass, not the tests.',
  ].join('\n');
}
