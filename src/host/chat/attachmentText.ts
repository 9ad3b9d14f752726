// How attached files and selections become part of the user message the model reads. Pure.

export interface Attachment {
  id: string;
  /** The display path of the file, as the tools name it. */
  path: string;
  content: string;
  /** 1-based, inclusive; absent for a whole file. */
  startLine?: number;
  endLine?: number;
  /** The editor's language id, for the code fence. */
  language?: string;
  /** Set when the content was too large to attach whole. */
  truncated?: boolean;
  /** A mentioned folder: the content is its listing. */
  folder?: boolean;
  /** What the editor knows rather than a file (`@problems`, `@changes`, `@terminal`): the label and the header. */
  mention?: string;
  /** A file or folder picked with @ (or dropped): what was picked, so the content is read again when the message is sent. */
  mentioned?: string;
}

/** Larger files are cut: the model can still read the rest with read_file. */
export const MAX_ATTACHMENT_CHARS = 100_000;

export function attachmentLabel(attachment: Pick<Attachment, 'path' | 'startLine' | 'endLine' | 'mention'>): string {
  if (attachment.mention) return attachment.mention;
  if (attachment.startLine === undefined) return attachment.path;
  const end = attachment.endLine ?? attachment.startLine;
  return end === attachment.startLine ? `${attachment.path}:${attachment.startLine}` : `${attachment.path}:${attachment.startLine}-${end}`;
}

export function clipContent(content: string): { content: string; truncated: boolean } {
  if (content.length <= MAX_ATTACHMENT_CHARS) return { content, truncated: false };
  return { content: content.slice(0, MAX_ATTACHMENT_CHARS), truncated: true };
}

/** The message text the model gets: the user's words, then each attachment in a fence. */
export function composeUserMessage(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  const blocks = attachments.map((attachment) => {
    const where = attachment.mention ?? (attachment.folder ? `the folder ${attachment.path}` : attachment.startLine === undefined ? `the file ${attachment.path}` : `lines ${attachmentLabel(attachment).slice(attachment.path.length + 1)} of ${attachment.path}`);
    const fence = fenceFor(attachment.content);
    const note = attachment.truncated ? `\n(Cut at ${MAX_ATTACHMENT_CHARS} characters; read the rest with read_file.)` : '';
    return `Attached: ${where}\n${fence}${attachment.language ?? ''}\n${attachment.content}${attachment.content.endsWith('\n') ? '' : '\n'}${fence}${note}`;
  });
  const request = text.trim() || 'Please look at the attached code.';
  return `${request}\n\n${blocks.join('\n\n')}`;
}

/** A fence longer than any run of backticks in the content, so the content cannot close it. */
function fenceFor(content: string): string {
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

/**
 * The other way: the user's words and the attachment labels of a message composeUserMessage
 * made, for a chat rebuilt from a saved conversation. A message that does not parse is all words.
 */
export function splitUserMessage(content: string): { text: string; attachments: string[] } {
  const start = content.indexOf('\n\nAttached: ');
  if (start < 0) return { text: content, attachments: [] };
  const attachments: string[] = [];
  let at = start + 2;
  while (at < content.length) {
    const header = /^Attached: (?:the (?:file|folder) (.+)|lines (\d+(?:-\d+)?) of (.+)|(@[a-z]+(?: \S+)?))\n(?<fence>`{3,})[^\n`]*\n/.exec(content.slice(at));
    if (!header) return { text: content, attachments: [] };
    attachments.push(header[1] ?? header[4] ?? `${header[3]}:${header[2]}`);
    const fence = header.groups?.fence ?? '```';
    // The fence is longer than any run of backticks inside, so its next appearance closes it.
    const close = content.indexOf(`\n${fence}`, at + header[0].length - 1);
    if (close < 0) return { text: content, attachments: [] };
    at = close + 1 + fence.length;
    const note = /^\n\(Cut at \d+ characters; read the rest with read_file\.\)/.exec(content.slice(at));
    if (note) at += note[0].length;
    if (at === content.length) break;
    if (!content.startsWith('\n\n', at)) return { text: content, attachments: [] };
    at += 2;
  }
  return { text: content.slice(0, start), attachments };
}
