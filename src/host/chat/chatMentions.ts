// The @ picker's host side: what can be mentioned (the workspace's files and folders, ignored ones
// left out; the active editor's selection and the open editors first), and a picked mention made
// an attachment: a chip now, its content (numbered lines, or a folder's listing) in the next message.
import * as vscode from 'vscode';
import { parseMention, resolveMention } from '../../agent/mentions/workspaceMention';
import { urlMention } from '../../agent/mentions/urlMention';
import type { Approver } from '../../agent/tools/tool';
import { readSettings } from '../settings/settings';
import type { HostMessage, MentionCandidateView, WebviewMessage } from '../../protocol/messages';
import type { VsCodeWorkspace } from '../workspace/vscodeWorkspace';
import type { LastTerminalCommands } from '../terminal/lastTerminalCommands';
import type { AttachmentStore, NewAttachment } from './attachments';
import type { Attachment } from './attachmentText';
import { changesText, problemsText, symbolCandidates, terminalText } from './editorMentions';

/** The view's messages this handles. */
export type MentionMessage = Extract<WebviewMessage, { type: 'listMentions' | 'addMention' | 'dropMentions' | 'addUrlMention' | 'addEditorMention' | 'listSymbols' }>;

/** Enough for the picker to filter in a large repository; beyond it, the shallower paths are kept. */
const MAX_LISTED = 5000;

export class ChatMentions {
  constructor(
    private readonly workspace: VsCodeWorkspace,
    private readonly attachments: AttachmentStore,
    private readonly post: (message: HostMessage) => void,
    private readonly terminalCommands: LastTerminalCommands,
  ) {}

  /** The @ picker's and the drops' messages from the view. */
  handle(message: MentionMessage): Promise<void> {
    switch (message.type) {
      case 'listMentions':
        return this.list();
      case 'addMention':
        return this.add(message.path);
      case 'dropMentions':
        return this.addDropped(message.uris);
      case 'addUrlMention':
        return this.addUrl(message.url);
      case 'addEditorMention':
        return this.addEditor(message.kind);
      case 'listSymbols':
        return this.listSymbols(message.query);
    }
  }

  async listSymbols(query: string): Promise<void> {
    const symbols = await symbolCandidates(this.workspace, query).catch(() => []);
    this.post({ type: 'mentionSymbols', query, symbols });
  }

  async list(): Promise<void> {
    this.post({ type: 'mentionCandidates', candidates: await this.candidates() });
  }

  /** Resolves the mention now, so a refusal (ignored, outside, not found) shows at once. */
  async add(text: string): Promise<void> {
    try {
      this.attachments.add(await this.mention(text.replace(/(.)\/$/, '$1')));
    } catch (error) {
      warn(error);
    }
  }

  /**
   * The mentions of a message being sent, read again: the file as it is now, not as it was when
   * picked; the problems and changes of now. One that can no longer be read keeps what was read.
   */
  async current(attached: readonly Attachment[]): Promise<Attachment[]> {
    return Promise.all(
      attached.map(async (attachment) => {
        try {
          if (attachment.mentioned !== undefined) return { ...(await this.mention(attachment.mentioned)), id: attachment.id };
          if (attachment.mention === '@problems' || attachment.mention === '@changes') return { ...attachment, ...(await this.editorText(attachment.mention.slice(1) as 'problems' | 'changes')) };
        } catch {
          // Gone or refused since it was picked: what was read then still says what was meant.
        }
        return attachment;
      }),
    );
  }

  private async mention(text: string): Promise<NewAttachment> {
    const mention = await resolveMention(this.workspace, parseMention(text));
    return {
      path: mention.path,
      content: mention.content,
      mentioned: text,
      ...(mention.startLine !== undefined ? { startLine: mention.startLine, endLine: mention.endLine } : {}),
      ...(mention.kind === 'folder' ? { folder: true } : {}),
    };
  }

  /** Dropped on the chat: each URI in a workspace folder is mentioned; any other is refused, named. */
  async addDropped(uris: readonly string[]): Promise<void> {
    const outside: string[] = [];
    for (const text of uris) {
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(text, true);
      } catch {
        outside.push(text);
        continue;
      }
      const shown = this.workspace.displayPathOf(uri) ?? this.workspace.displayPathOf(onThisHost(uri));
      if (shown === undefined) outside.push(uri.scheme === 'file' ? uri.fsPath : text);
      else await this.add(shown);
    }
    if (outside.length > 0) warn(new Error(`Only files and folders in the workspace can be mentioned, not ${outside.join(', ')}.`));
  }

  async addUrl(url: string): Promise<void> {
    try {
      const content = await urlMention(url, { policy: readSettings().fetch, workspace: this.workspace, approver: modalApprover, signal: new AbortController().signal });
      this.attachments.add({ path: '', mention: `@url ${url}`, content });
    } catch (error) {
      warn(error);
    }
  }

  /** @problems, @changes, @terminal: read now, sent with the next message. */
  async addEditor(kind: 'problems' | 'changes' | 'terminal'): Promise<void> {
    try {
      this.attachments.add({ path: '', mention: `@${kind}`, ...(await this.editorText(kind)), ...(kind === 'changes' ? { language: 'diff' } : {}) });
    } catch (error) {
      warn(error);
    }
  }

  private async editorText(kind: 'problems' | 'changes' | 'terminal'): Promise<{ content: string; truncated?: boolean }> {
    if (kind === 'problems') return { content: await problemsText(this.workspace) };
    return kind === 'changes' ? changesText(this.workspace) : { content: await terminalText(this.terminalCommands) };
  }

  private async candidates(): Promise<MentionCandidateView[]> {
    const listing = await this.workspace.list('.', { recursive: true, limit: MAX_LISTED }).catch(() => ({ entries: [], omitted: 0 }));
    const listed = new Set(listing.entries);
    // An open file the listing does not hold is ignored, unless the listing was cut.
    const open = this.openPaths().filter((path) => listed.has(path.replace(/:\d+(?:-\d+)?$/, '')) || listing.omitted > 0);
    const first: MentionCandidateView[] = open.map((path) => ({ path, kind: 'file', open: true }));
    const shown = new Set(open);
    const rest = listing.entries.filter((path) => !shown.has(path)).map((path): MentionCandidateView => ({ path, kind: path.endsWith('/') ? 'folder' : 'file' }));
    return [...first, ...rest];
  }

  /** The active editor's selection (`path:12-40`), then the active file, then the other open tabs. */
  private openPaths(): string[] {
    const paths: string[] = [];
    const editor = vscode.window.activeTextEditor;
    const active = editor && this.workspace.displayPathOf(editor.document.uri);
    if (editor && active && !editor.selection.isEmpty) {
      const { start, end } = editor.selection;
      // A selection ending at column 0 of a line does not include that line.
      const last = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
      paths.push(last === start.line + 1 ? `${active}:${last}` : `${active}:${start.line + 1}-${last}`);
    }
    if (active) paths.push(active);
    for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const path = uri && this.workspace.displayPathOf(uri);
      if (path && !paths.includes(path)) paths.push(path);
    }
    return paths;
  }
}

/** The person typed the address, and still approves the fetch as fetch_url asks: a modal, since the chat shows no card for it. */
const modalApprover: Approver = {
  async approve(request) {
    const fetch = await vscode.window.showWarningMessage(`Ouro: ${request.title}?`, { modal: true, detail: 'The page goes to the model with your next message.' }, 'Fetch');
    return fetch === 'Fetch' ? { approved: true } : { approved: false, reason: 'the person cancelled it' };
  },
};

function warn(error: unknown): void {
  void vscode.window.showWarningMessage(`Ouro: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * A drop's URI as the extension host names the same file. In a remote window (SSH, a container,
 * a browser editor) the window drags `vscode-remote://AUTHORITY/path`, while the workspace the
 * extension runs beside names it `file:///path`. Whatever it maps to is judged as any mention is.
 */
function onThisHost(uri: vscode.Uri): vscode.Uri {
  return uri.scheme === 'vscode-remote' ? vscode.Uri.file(uri.path) : uri;
}
