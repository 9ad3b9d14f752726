// Images pasted into the chat, on the host's side: checked again here (the view is trusted with
// nothing), and a message whose model does not take images held back with a notice until the
// person sends it without them. A model known to take text only is not asked at all; an
// endpoint that answers with an error naming the images gets the same offer afterwards.
import type * as vscode from 'vscode';
import { checkImages } from '../../agent/images/imageCheck';
import type { UserImage } from '../../agent/images/userImage';
import { noImagesNotice, refusesImages, takesImages } from '../../agent/images/visionSupport';
import type { ListedModel } from '../../llm/modelList';
import type { ChatAgent } from './chatAgent';
import type { MessageOverride } from './slashCommands';
import type { Transcript } from './transcript';
import { readSettings } from '../settings/settings';
import { languageModelTakesImages } from '../models/vscodeLanguageModel';

interface ChatImagesDeps {
  agent: ChatAgent;
  transcript: Transcript;
  log: vscode.LogOutputChannel;
  /** Sends words as the user's message, or with `retry` the conversation as it stands. */
  send(text: string, retry: boolean, override?: MessageOverride): Promise<void>;
}

export class ChatImages {
  /** The message the model would not take for its images: its words (not sent yet), or 'sent' (the endpoint refused it). */
  private held: { text: string; override?: MessageOverride } | 'sent' | undefined;

  constructor(private readonly deps: ChatImagesDeps) {}

  /** The pasted images that pass the host's checks; the chat is told which did not, and why. A new message drops what was held. */
  checked(pasted: readonly string[]): UserImage[] {
    this.held = undefined;
    const { images, refused } = checkImages(pasted);
    if (refused.length > 0) {
      this.deps.log.warn(`images left out: ${refused.join('; ')}`);
      this.deps.transcript.add({ type: 'notice', text: `Left out of the message: ${refused.join('; ')}.` });
    }
    return images;
  }

  /** Before sending: true (and the message held, with the notice) when the endpoint's list says the model takes text only. */
  holdIfTextOnly(model: string, listed: ListedModel | undefined, text: string, override?: MessageOverride): boolean {
    // Through VS Code's language models, the editor's API must have an image part first.
    const editorRefuses = readSettings().provider === 'vscode-lm' && !languageModelTakesImages();
    if (!editorRefuses && takesImages(model, listed) !== false) return false;
    this.hold({ text, override }, noImagesNotice(model, editorRefuses ? 'editor' : 'listed'));
    return true;
  }

  /** After a turn with images: the same offer when it ended on an error that names them (the endpoint's 400 for image content). */
  afterTurn(model: string): void {
    const transcript = this.deps.transcript.all();
    for (let index = transcript.length - 1; index >= 0 && transcript[index].type !== 'user'; index--) {
      const entry = transcript[index];
      if (entry.type === 'agent' && entry.event.type === 'error') {
        if (refusesImages(entry.event)) this.hold('sent', noImagesNotice(model, 'refused'));
        return;
      }
    }
  }

  /** "Send without images": the held words alone, or (the endpoint refused them) the conversation again with the images taken out. */
  async sendWithout(): Promise<void> {
    const { agent } = this.deps;
    const held = this.held;
    this.held = undefined;
    if (!held || agent.busy) return;
    if (held !== 'sent') return this.deps.send(held.text, false, held.override);
    const last = [...agent.conversation.messages].reverse().find((message) => message.role === 'user' && !message.note);
    if (last?.role === 'user') delete last.images;
    await agent.save();
    if (agent.canRetry) await this.deps.send('', true);
  }

  private hold(held: NonNullable<ChatImages['held']>, text: string): void {
    this.held = held;
    this.deps.log.warn(text);
    this.deps.transcript.add({ type: 'notice', text, action: 'sendWithoutImages' });
  }
}
