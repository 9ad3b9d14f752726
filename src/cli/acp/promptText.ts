// A `session/prompt`'s content blocks as the user message the model reads. Text is as it came;
// a link to a file is its path (the agent reads it with its tools); an embedded resource (the
// editor's selection or file, with `embeddedContext`) is its text in a tagged block. Images and
// audio are not advertised, but a client may send them all the same: they are named, not lost
// without a word.
import { fileURLToPath } from 'node:url';
import { relative, isAbsolute } from 'node:path';
import type { ContentBlock } from '@agentclientprotocol/sdk';

export function promptText(blocks: readonly ContentBlock[], cwd: string): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'text':
          return block.text;
        case 'resource_link':
          return `@${shownUri(block.uri, cwd)}`;
        case 'resource': {
          const uri = shownUri(block.resource.uri, cwd);
          return 'text' in block.resource ? `<context source="${uri}">\n${block.resource.text}\n</context>` : `(${uri} was attached, but it is binary and cannot be read here)`;
        }
        case 'image':
        case 'audio':
          return `(an ${block.type} was attached, but this agent cannot take ${block.type === 'image' ? 'images' : 'audio'})`;
        default: {
          const _exhaustive: never = block;
          return _exhaustive;
        }
      }
    })
    .join('\n')
    .trim();
}

/** A file: URI inside the workspace as its relative path; anything else as it is. */
function shownUri(uri: string, cwd: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    const path = fileURLToPath(uri);
    const inside = relative(cwd, path);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
  } catch {
    return uri;
  }
}
