// Why a request never got an answer, said so a person knows what to change: the host name, the
// server not running, TLS, or no answer in time. Node puts the reason in the error's cause chain.
import { APIConnectionTimeoutError } from 'openai';

export function explainNetworkError(error: unknown, baseURL: string, timeoutMs: number): string {
  if (error instanceof APIConnectionTimeoutError || hasName(error, 'TimeoutError')) {
    return `${baseURL} did not answer within ${Math.round(timeoutMs / 1000)} s.`;
  }
  const { code, message } = innermost(error);
  const host = hostOf(baseURL);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return `The host name "${host.hostname}" could not be resolved (DNS: ${code}). Check the base URL.`;
  }
  if (code === 'ECONNREFUSED') {
    return `Nothing is listening at ${host.host} (connection refused). Is the server running, on that port?`;
  }
  if (/wrong version number|packet length too long/i.test(message)) {
    return `${host.host} does not speak TLS (https) there. Try http:// instead of https://.`;
  }
  if ((code && /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO)/.test(code)) || /certificate|ssl|tls/i.test(message)) {
    return `The TLS connection to ${host.host} failed: ${message.trim().split('\n')[0].slice(0, 200)}${code && !message.includes(code) ? ` (${code})` : ''}. A self-signed or expired certificate, or a proxy in between?`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return `${host.host} closed the connection (${code}). Is it an HTTP server, and the right port?`;
  }
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `Connecting to ${host.host} timed out (${code}). Is the host reachable from here?`;
  }
  return `Could not reach ${baseURL}: ${message}${code && !message.includes(code) ? ` (${code})` : ''}.`;
}

/** The deepest error in the cause chain that has a code, else the deepest message. */
function innermost(error: unknown): { code?: string; message: string } {
  let found: { code?: string; message: string } = { message: error instanceof Error ? error.message : String(error) };
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') found = { code, message: e.message };
    else if (!found.code && e.message) found = { message: e.message };
  }
  return found;
}

function hasName(error: unknown, name: string): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) if (e.name === name) return true;
  return false;
}

function hostOf(baseURL: string): { host: string; hostname: string } {
  try {
    const url = new URL(baseURL);
    return { host: url.host, hostname: url.hostname };
  } catch {
    return { host: baseURL, hostname: baseURL };
  }
}
