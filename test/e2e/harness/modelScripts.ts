// The mock model's side of the scenarios. Its answers depend on what it was sent, so a scenario
// that shows the expected answer also proves the model received the right conversation.
import { delay, reply, text, textReply, toolCall, type Reply, type Turn, type WireMessage } from '../../fixtures/mockOpenAI';

export const BUGGY_LINE = 'for (let i = 1; i < numbers.length; i++) {';
export const FIXED_LINE = 'for (let i = 0; i < numbers.length; i++) {';
export const FIRST_WORDS = 'Let me look at the project first.';

/** Text in small delayed pieces, so the chat really streams it. */
export function streamed(sentence: string, pieceDelayMs = 40) {
  return sentence.split(/(?<= )/).flatMap((piece) => [delay(pieceDelayMs), ...text(piece)]);
}

/** The text of the last message with this role in a request the mock model received. */
export function lastContent(messages: readonly WireMessage[], role: 'user' | 'tool' | 'assistant'): string {
  return String([...messages].reverse().find((message) => message.role === role)?.content ?? '');
}

/** Answers `answer` when the user's last message passes `check`, else says what it got instead. */
export function answerIfUserSent(check: (sent: string) => boolean, answer: string): Turn {
  return (request) => {
    const sent = lastContent(request.body.messages, 'user');
    return textReply(check(sent) ? answer : `Unexpected message: ${sent}`);
  };
}

/** The fix-the-bug conversation: four turns: list_files, read_file, edit_file, then `answer` given the edit's tool result. */
export function fixBugScript(answer: (editResult: string) => Reply): Turn[] {
  return [
    reply(streamed(FIRST_WORDS), toolCall('list_files', { path: '.' })),
    reply(toolCall('read_file', { path: 'src/math.js' })),
    reply(streamed('The loop starts at index 1, so the first number is never added.'), toolCall('edit_file', { path: 'src/math.js', old_string: BUGGY_LINE, new_string: FIXED_LINE })),
    (request) => answer(lastContent(request.body.messages, 'tool')),
  ];
}

/**
 * Scripts for conversations that run at once (sessions in worktrees): each request is answered
 * from the script whose key its first user message contains, at the step its conversation is at
 * (how many replies it holds), whatever order the requests arrive in.
 */
export function byFirstMessage(scripts: Record<string, Turn[]>): Turn[] {
  const total = Object.values(scripts).reduce((sum, turns) => sum + turns.length, 0);
  return Array.from({ length: total }, (): Turn => (request) => {
    const first = String(request.body.messages.find((message) => message.role === 'user')?.content ?? '');
    const key = Object.keys(scripts).find((candidate) => first.includes(candidate));
    const turn = key ? scripts[key][request.body.messages.filter((message) => message.role === 'assistant').length] : undefined;
    if (!turn) return textReply(`Unexpected request: ${first}`);
    return typeof turn === 'function' ? turn(request) : turn;
  });
}
