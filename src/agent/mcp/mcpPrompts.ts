// A server's prompts as slash commands: `/mcp.<server>.<prompt> words` fills the prompt's
// arguments (`name=value` pairs, or the words for its first argument) and sends what the server
// returns as the user's message. Pure: the connection lists and gets the prompts.
import type { GetPromptResult, Prompt, PromptArgument } from '@modelcontextprotocol/sdk/types.js';
import { takeNamedArguments } from '../prompts/promptFile';

/** A prompt a running server offers, by the name the chat gives it. */
export interface McpPromptEntry {
  command: string;
  server: string;
  prompt: Prompt;
}

/** `mcp.<server>.<prompt>`, with anything a slash name cannot hold turned into `-`. */
export function mcpPromptCommand(server: string, prompt: string): string {
  const part = (text: string) => text.replace(/[^\w-]+/g, '-');
  return `mcp.${part(server)}.${part(prompt)}`;
}

/**
 * The arguments `text` gives: `name=value` pairs (as a prompt file's, quotes for spaces) for the
 * prompt's arguments, and the other words for the first argument no pair gave. `missing`:
 * required ones not given.
 */
export function fillPromptArguments(declared: readonly PromptArgument[] | undefined, text: string): { values: Record<string, string>; missing: PromptArgument[] } {
  const args = declared ?? [];
  const { values, rest } = takeNamedArguments(text, new Set(args.map((arg) => arg.name)));
  const open = args.find((arg) => values[arg.name] === undefined);
  if (rest && open) values[open.name] = rest;
  return { values, missing: args.filter((arg) => arg.required && values[arg.name] === undefined) };
}

/** The prompt's messages as one user message: text as it is, embedded text resources with their address, the rest named. */
export function promptMessageText(result: GetPromptResult): string {
  return result.messages
    .map((message) => {
      const content = message.content;
      let text: string;
      if (content.type === 'text') text = content.text;
      else if (content.type === 'resource') text = 'text' in content.resource ? `[resource ${content.resource.uri}]\n${content.resource.text}` : `[resource ${content.resource.uri}: binary, not included]`;
      else if (content.type === 'resource_link') text = `[resource ${content.uri}]`;
      else text = `[${content.type} not included: the chat sends text only]`;
      return message.role === 'assistant' ? `(The assistant said:) ${text}` : text;
    })
    .join('\n\n');
}
