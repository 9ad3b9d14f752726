// Scripted model turns for eval tasks: each task's mock.json holds the replies a competent agent
// would give, step by step. One mock server serves every task: it tells them apart by the
// workspace folder named in the system prompt (the task's name) and counts the assistant
// messages so far to know the step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reply, text, toolCall, usage, type MockRequest, type Reply, type Turn } from '../../fixtures/mockOpenAI';

export interface ScriptedTurn {
  calls?: Array<{ name: string; arguments: Record<string, unknown> }>;
  text?: string;
}

export function readScript(taskDir: string): ScriptedTurn[] {
  return (JSON.parse(readFileSync(join(taskDir, 'mock.json'), 'utf8')) as { turns: ScriptedTurn[] }).turns;
}

/** Each reply reports 1,000 prompt and 50 completion tokens, so token totals can be checked. */
export function toReply(turn: ScriptedTurn): Reply {
  const calls = (turn.calls ?? []).flatMap((call, index) => toolCall(call.name, call.arguments, { index }));
  return reply(...calls, ...(turn.text ? text(turn.text) : []), usage(1000, 50));
}

/** One turn function serving every task's script; `scripts` maps a task name to its turns. */
export function routeByTask(scripts: ReadonlyMap<string, ScriptedTurn[]>): Turn {
  const route = (request: MockRequest): Reply => {
    const system = String(request.body.messages[0]?.content ?? '');
    const task = /workspace folder (\S+?)\./.exec(system)?.[1] ?? '';
    const turns = scripts.get(task);
    if (!turns) return toReply({ text: `No script for the task "${task}".` });
    const step = request.body.messages.filter((message) => message.role === 'assistant').length;
    return toReply(turns[step] ?? { text: 'Done.' });
  };
  return route;
}
