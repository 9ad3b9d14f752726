// A conversation as Markdown, to read or share: the messages in order, each tool call with its
// arguments and its result folded away. Code fences are made longer than any run of backticks
// inside them, so file contents cannot break out.
import type { Message } from '../conversation';
import { formatUsage } from '../usage/usageTotals';
import type { ConversationRecord } from './conversationRecord';

export function conversationToMarkdown(conversation: ConversationRecord): string {
  const about = [
    conversation.model && `Model: ${conversation.model}`,
    `Started ${conversation.createdAt.slice(0, 16).replace('T', ' ')} UTC`,
    conversation.usage.requests ? `Usage: ${formatUsage(conversation.usage)}` : undefined,
  ].filter(Boolean);
  const parts = [`# ${oneLine(conversation.title)}`, about.join(' · ')];
  const results = new Map<string, Message & { role: 'tool' }>();
  for (const message of conversation.messages) if (message.role === 'tool') results.set(message.toolCallId, message);

  for (const message of conversation.messages) {
    switch (message.role) {
      case 'system':
        parts.push(details('System prompt', fenced(message.content)));
        break;
      case 'user':
        parts.push('## User', message.content);
        break;
      case 'assistant': {
        parts.push('## Ouro');
        if (message.content) parts.push(message.content);
        if (message.interrupted) parts.push('*(cut off)*');
        for (const call of message.toolCalls ?? []) {
          const result = results.get(call.id);
          parts.push(`**${call.name}** ${inlineCode(call.arguments)}`);
          if (result) parts.push(details(result.isError ? 'Error' : 'Result', fenced(result.content)));
        }
        break;
      }
      case 'tool':
        // Shown with its call.
        break;
    }
  }
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function fenced(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function inlineCode(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${longest ? ' ' : ''}${flat}${longest ? ' ' : ''}${ticks}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
