// What a `/` line is: the built-in commands the picker lists first, and `/name args` split into
// its name and its words. A path such as `/etc/hosts` is not a command (a name has no slash).
// Pure.
import type { SlashCommandView } from '../../protocol/messages';

export const BUILT_IN_COMMANDS: readonly SlashCommandView[] = [
  { name: 'new', description: 'Start a new chat', kind: 'builtIn' },
  { name: 'compact', description: 'Summarise the conversation so far, to free context', kind: 'builtIn' },
  { name: 'undo', description: 'Undo the changes made for your last message', kind: 'builtIn' },
  { name: 'model', description: 'Choose the model', kind: 'builtIn' },
  { name: 'agent', description: 'Agent mode: reads, edits and runs commands', kind: 'builtIn', takesArguments: true },
  { name: 'ask', description: 'Ask mode: answers from the code, no edits or commands', kind: 'builtIn', takesArguments: true },
  { name: 'plan', description: 'Plan mode: looks at the code and writes a plan', kind: 'builtIn', takesArguments: true },
  { name: 'try', description: 'Try N ways (2 to 5), each in its own worktree; the checks choose', kind: 'builtIn', takesArguments: true },
  { name: 'help', description: 'List the commands', kind: 'builtIn' },
];

const SLASH = /^\/([A-Za-z0-9][\w.-]*)(?:\s+([\s\S]*))?$/;

export function parseSlash(text: string): { name: string; args: string } | undefined {
  const match = SLASH.exec(text.trim());
  return match ? { name: match[1], args: (match[2] ?? '').trim() } : undefined;
}
