// plan: the model's checklist for multi-step work. Each call replaces the whole list; the chat
// view pins the latest above the input and the CLI prints it when it changes. The result is a
// few tokens: the model already knows what it wrote.
import * as z from 'zod';
import { PLAN_STATUSES, PLAN_TOOL, isOpen, planProgress } from '../plan/planChecklist';
import { defineTool } from './tool';

const schema = z.object({
  items: z.array(z.object({ text: z.string().trim().min(1), status: z.enum(PLAN_STATUSES) })).min(1),
});

export const planTool = defineTool({
  name: PLAN_TOOL,
  description: 'Your checklist for multi-step work; send the whole list each time.',
  schema,
  kind: 'chat',
  run: async ({ items }) => {
    const open = items.filter(isOpen).length;
    return { content: `Plan saved: ${planProgress(items)} done${open ? '' : ', all closed'}.` };
  },
});
