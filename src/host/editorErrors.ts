// The model client's failure messages are written for the CLI and the editor alike (they name
// `--api-key` and OPENAI_API_KEY). In the chat, a refused key gets one message in the editor's
// terms; the card's Set API Key button is what to do about it.
import type { AgentEvent } from '../agent/events';

/** The event as the chat shows it: 401 and 403 errors rephrased for the editor, all else as it came. */
export function forEditor(event: AgentEvent, endpoint: string): AgentEvent {
  if (event.type !== 'error' || (event.status !== 401 && event.status !== 403)) return event;
  const where = endpoint || 'The endpoint';
  const message =
    event.status === 401
      ? `${where} refused the API key (401). Set a valid key with the button below or the "Ouro: Set API Key" command.`
      : `${where} refused access (403). The key may not be allowed to use this model; check the key or the ouro.model setting.`;
  return { ...event, message };
}
