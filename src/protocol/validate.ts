// The host's gate for what the webview posts: anything that does not fit the schema is refused
// with a short reason for the log, never acted on.
import { webviewMessageSchema, type WebviewMessage } from './messages';

export type ParsedWebviewMessage = { ok: true; message: WebviewMessage } | { ok: false; error: string };

export function parseWebviewMessage(raw: unknown): ParsedWebviewMessage {
  const parsed = webviewMessageSchema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: `${where}${issue?.message ?? 'invalid message'} (${describe(raw)})` };
}

/** Names what arrived without echoing its content (it may be large, or hold a secret). */
function describe(raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return `a ${raw === null ? 'null' : typeof raw}`;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? `type "${type.slice(0, 40)}"` : 'an object without a type';
}
