// --conversation FILE: the conversation is saved to FILE after every step (atomically: a temp
// file, then a rename), and a run given an existing FILE continues it, repaired if the last run
// was killed mid-step.
import { readFile } from 'node:fs/promises';
import type { ConversationRecord } from '../agent/history/conversationRecord';
import { serializeConversation } from '../agent/history/conversationFile';
import { loadConversation, type LoadedConversation } from '../agent/history/conversationStore';
import { writeFileAtomic } from '../agent/workspace/atomicWrite';
import { encodeText } from '../agent/workspace/text';

/** The saved conversation, or undefined when FILE does not exist yet. Throws when it cannot be read. */
export async function openSavedConversation(file: string): Promise<LoadedConversation | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return loadConversation(text);
}

export function saveToFile(file: string): (conversation: ConversationRecord) => Promise<void> {
  return (conversation) => writeFileAtomic(file, encodeText(serializeConversation(conversation)));
}
