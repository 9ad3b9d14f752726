// The model client's failure messages are written for the CLI and the editor alike (they name
// `--api-key` and OPENAI_API_KEY). In the chat, a refused key gets one message in the editor's
// terms; the card's Set API Key button is what to do about it.
import type { AgentEvent } from '../../agent/events';

/** The event as the chat shows it: 401 and 403 errors rephrased for the editor, all else as it came. */
export function forEditor(event: AgentEvent, endpoint: string): AgentEvent {
  if (event.type !== 'error' || (event.status !== 401 && event.status !== 403)) return event;
  // The endpoint as the host describes it, e.g. "gpt-x at https://host/v1 (with an API key)".
  const hasKey = endpoint.endsWith(' (with an API key)');
  const where = endpoint.replace(/ \(with an API key\)$/, '') || 'the endpoint';
  const message =
    event.status === 403
      ? `Access refused (403) by ${where}. The key may not be allowed to use this model; check the key or the ouro.model setting.`
      : hasKey
        ? `The API key was refused (401) by ${where}. Set a valid key with the button below or the "Ouro: Set API Key" command.`
        : `An API key is needed (401) for ${where}. Set one with the button below or the "Ouro: Set API Key" command.`;
  return { ...event, message };
}
