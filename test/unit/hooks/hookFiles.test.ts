// Hook files as Claude Code's users write them, and what a hook's exit code and output mean.
import * as assert from 'node:assert/strict';
import { parseHookFile } from '../../../src/agent/hooks/hookConfig';
import { verdictOf } from '../../../src/agent/hooks/hookResult';
import type { CommandRunResult } from '../../../src/agent/commands/commandRunner';

const ran = (exitCode: number | null, output: string, extra: Partial<CommandRunResult> = {}): CommandRunResult => ({ exitCode, output, timedOut: false, cancelled: false, durationMs: 1, ...extra });

describe('hook files', () => {
  it('reads events, matchers, commands and timeouts in seconds', () => {
    const { hooks, problems } = parseHookFile(
      JSON.stringify({
        permissions: { allow: [] },
        hooks: {
          PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './check.sh', timeout: 5 }] }],
          PostToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'fmt' }] }],
          Stop: [{ hooks: [{ type: 'command', command: 'done.sh' }] }],
        },
      }),
      '.claude/settings.json',
      'workspace',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      hooks.map((hook) => [hook.event, hook.matcher?.source, hook.command, hook.timeoutMs, hook.origin]),
      [
        ['PreToolUse', '^(?:Bash)$', './check.sh', 5000, 'workspace'],
        ['PostToolUse', '^(?:Edit|Write)$', 'fmt', 60000, 'workspace'],
        ['Stop', undefined, 'done.sh', 60000, 'workspace'],
      ],
    );
  });

  it('has no hooks in a settings file without them, and names every bad entry', () => {
    assert.deepEqual(parseHookFile('{"model":"x"}', 'a.json', 'user'), { hooks: [], problems: [] });
    const { hooks, problems } = parseHookFile(
      JSON.stringify({ hooks: { Prompt: [], PreToolUse: [{ matcher: '(', hooks: [{ type: 'command', command: 'x' }] }, { hooks: [{ type: 'prompt', prompt: 'p' }] }, { hooks: [{ type: 'command', command: 'y', timeout: -1 }] }] } }),
      'h.json',
      'user',
    );
    assert.equal(hooks.length, 0);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0], /unknown hook event "Prompt"/);
    assert.match(problems[1], /PreToolUse\[0\]: "matcher" is not a valid pattern/);
    assert.match(problems[2], /PreToolUse\[1\]: each hook must be \{ "type": "command"/);
    assert.match(problems[3], /"timeout" must be a number of seconds/);
    assert.match(parseHookFile('{', 'b.json', 'user').problems[0], /^b\.json: not valid JSON/);
  });
});

describe("Copilot's hook files", () => {
  it('reads version 1 files: camel-cased events, bash, timeoutSec (30 s by default), and names the events Ouro has no moment for', () => {
    const { hooks, problems } = parseHookFile(
      JSON.stringify({ version: 1, hooks: { preToolUse: [{ type: 'command', bash: './guard.sh', powershell: 'x', timeoutSec: 10 }], userPromptSubmitted: [{ type: 'command', bash: 'log.sh' }], sessionStart: [{ type: 'command', bash: 's.sh' }], postToolUse: [{ type: 'command', powershell: 'only.ps1' }] } }),
      '.github/hooks/guard.json',
      'workspace',
    );
    assert.deepEqual(
      hooks.map((hook) => [hook.event, hook.matcher, hook.command, hook.timeoutMs]),
      [
        ['PreToolUse', undefined, './guard.sh', 10000],
        ['UserPromptSubmit', undefined, 'log.sh', 30000],
      ],
    );
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /no "sessionStart" moment/);
    assert.match(problems[1], /postToolUse\[0\] must be \{ "type": "command", "bash"/);
  });

  it('reads their answer: the permission decision at the top', () => {
    assert.deepEqual(verdictOf(ran(0, '{"permissionDecision":"deny","permissionDecisionReason":"no pushes"}'), 'h'), { decision: 'deny', reason: 'no pushes' });
  });
});

describe('what a hook said', () => {
  it('blocks with exit code 2, its output the reason', () => {
    assert.deepEqual(verdictOf(ran(2, 'no rm here\n'), 'h'), { decision: 'block', reason: 'no rm here' });
  });

  it('reads the JSON answer: a permission decision with its reason, added context, continue false, a message', () => {
    const json = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'not on main', additionalContext: 'see CONTRIBUTING' }, continue: false, stopReason: 'enough', systemMessage: 'checked' };
    assert.deepEqual(verdictOf(ran(0, `checking…\n${JSON.stringify(json)}`), 'h'), { decision: 'deny', reason: 'not on main', context: 'see CONTRIBUTING', stop: 'enough', message: 'checked' });
    assert.deepEqual(verdictOf(ran(0, '{"decision":"approve","reason":"fine"}'), 'h'), { decision: 'allow', reason: 'fine' });
  });

  it('takes plain output as context and a failure as nothing but a failure', () => {
    assert.deepEqual(verdictOf(ran(0, 'branch: main\n'), 'h'), { context: 'branch: main' });
    assert.deepEqual(verdictOf(ran(0, ''), 'h'), {});
    assert.deepEqual(verdictOf(ran(1, 'oops'), 'The hook'), { failure: 'The hook failed (exit code 1): oops' });
    assert.deepEqual(verdictOf(ran(null, '', { timedOut: true }), 'The hook'), { failure: 'The hook timed out' });
  });
});
