// ask_user: a question for the user, answered in the chat view (option buttons or free text) or
// in an interactive terminal. The loop waits; Stop ends the wait. The answer is the tool result.
import * as z from 'zod';
import { defineTool } from './tool';
import { failure } from './toolFailure';

const schema = z.object({
  question: z.string().trim().min(1),
  options: z.array(z.string().trim().min(1)).optional(),
});

export const NO_ONE_TO_ASK = 'Nobody can answer questions in this run. Decide yourself, say what you assumed, and go on.';

export const askUserTool = defineTool({
  name: 'ask_user',
  description: 'Ask the user and wait for the answer (options: suggested answers). Only when you cannot decide yourself.',
  schema,
  kind: 'chat',
  run: async ({ question, options }, ctx) => {
    if (!ctx.asker) return failure(NO_ONE_TO_ASK);
    const answer = await ctx.asker.ask({ question, ...(options?.length ? { options } : {}) }, ctx.toolCallId, ctx.signal);
    return answer.answered ? { content: `The user answered: ${answer.text}` } : failure(answer.reason);
  },
});
