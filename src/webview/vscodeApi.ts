// The webview's side of the channel: typed posting to the host and the state VS Code keeps for
// this webview while it is hidden or reloaded.
import type { HostMessage, WebviewMessage } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per webview.
const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function onHostMessage(handler: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as HostMessage | undefined;
    if (data && typeof data === 'object' && typeof data.type === 'string') handler(data);
  });
}

export function loadState<T>(): Partial<T> {
  const state = api.getState();
  return state && typeof state === 'object' ? (state as Partial<T>) : {};
}

export function saveState<T>(state: T): void {
  api.setState(state);
}
