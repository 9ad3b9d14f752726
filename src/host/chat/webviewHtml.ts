// The chat page. Pure: the view provider passes the webview URIs and a fresh nonce. The CSP
// allows nothing by default; scripts only with the nonce, styles only from the extension's
// own folders (icons are data: images), and no remote content at all.

export interface ChatPageResources {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
  /** The editor's tab size (`editor.tabSize`): code blocks indent tabs as the editor does. */
  tabSize?: number;
}

export function chatPageHtml({ cspSource, nonce, scriptUri, styleUris, tabSize = 4 }: ChatPageResources): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = styleUris.map((uri) => `<link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n  ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${styles}
  <title>Ouro</title>
</head>
<body data-busy="false" data-tab-size="${Number.isInteger(tabSize) && tabSize > 0 ? tabSize : 4}">
  <header class="toolbar">
    <select id="mode" aria-label="Mode"></select>
    <button id="model" type="button" aria-haspopup="dialog"><span id="model-name"></span><span class="codicon codicon-chevron-down" aria-hidden="true"></span></button>
    <button id="mcp-toggle" type="button" aria-label="MCP servers" title="MCP servers" aria-expanded="false" aria-controls="mcp-servers"><span class="codicon codicon-server" aria-hidden="true"></span></button>
  </header>
  <section id="mcp-servers" class="mcp-servers" aria-label="MCP servers" hidden></section>
  <section id="sessions" class="sessions" aria-label="Sessions" hidden></section>
  <section id="history" class="history" aria-label="Conversation history" hidden></section>
  <main id="messages" role="log" aria-live="polite" aria-label="Conversation"></main>
  <details id="changed-files" class="changed-files" hidden></details>
  <footer id="composer" class="composer">
    <section id="plan" aria-label="Plan" hidden></section>
    <div id="attachments" class="attachments" aria-label="Attachments" hidden></div>
    <div id="images" class="pasted-images" aria-label="Images" hidden></div>
    <div id="slash-picker" class="slash-picker" hidden><div id="slash-options" class="slash-options" role="listbox" aria-label="Commands"></div><div class="slash-problems"></div></div>
    <div id="mention-picker" class="slash-picker" hidden><div id="mention-options" class="slash-options" role="listbox" aria-label="Files and folders to mention"></div></div>
    <div class="prompt-row">
      <textarea id="prompt" rows="3" aria-label="Message Ouro" placeholder="Ask Ouro to do something (Enter to send, Shift+Enter for a new line)"></textarea>
      <div class="composer-actions">
        <button id="send" type="button" aria-label="Send" title="Send (Enter)"><span class="codicon codicon-send" aria-hidden="true"></span></button>
        <button id="stop" type="button" aria-label="Stop" title="Stop (Escape)" hidden><span class="codicon codicon-debug-stop" aria-hidden="true"></span></button>
        <button id="send-menu" type="button" aria-haspopup="menu" aria-expanded="false" aria-controls="send-options" aria-label="Send or try several ways" title="Send or try several ways"><span class="codicon codicon-chevron-down" aria-hidden="true"></span></button>
        <div id="send-options" class="send-menu" role="menu" aria-label="Send" hidden></div>
      </div>
    </div>
    <div id="context" class="context" hidden>
      <button id="context-meter" type="button" class="context-meter" aria-expanded="false" aria-controls="context-breakdown" title="Context window: what the next request holds" hidden></button>
      <span id="usage" aria-label="Usage of this conversation" hidden></span>
      <div id="context-breakdown" class="context-breakdown" role="region" aria-label="Context window breakdown" hidden></div>
    </div>
  </footer>
  <script nonce="${nonce}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
