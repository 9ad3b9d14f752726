// The smallest agent that works: ask the model, run the tools it calls, send back the results,
// repeat until it answers without tools.
import { readFileSync } from 'node:fs';

export const tools = {
  read_file: {
    description: 'Read a text file.',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    run: ({ path }) => readFileSync(path, 'utf8'),
  },
};

export function runTool(name, args) {
  const tool = tools[name];
  if (!tool) return `Unknown tool ${name}. Tools: ${Object.keys(tools).join(', ')}`;
  try {
    return tool.run(args);
  } catch (error) {
    return `Error: ${error.message}`;
  }
}

export async function runAgent(chat, messages) {
  for (;;) {
    const reply = await chat(messages, Object.entries(tools).map(([name, tool]) => ({ name, description: tool.description, parameters: tool.parameters })));
    messages.push(reply);
    if (!reply.toolCalls?.length) return reply.content;
    for (const call of reply.toolCalls) messages.push({ role: 'tool', id: call.id, content: runTool(call.name, call.arguments) });
  }
}
