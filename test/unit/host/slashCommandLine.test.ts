import { strict as assert } from 'node:assert';
import { BUILT_IN_COMMANDS, parseSlash } from '../../../src/host/chat/slashCommandLine';

describe('a / line', () => {
  it('splits the name from its words, over several lines too', () => {
    assert.deepEqual(parseSlash('/explain src/a.ts focus="the loop"'), { name: 'explain', args: 'src/a.ts focus="the loop"' });
    assert.deepEqual(parseSlash('  /new  '), { name: 'new', args: '' });
    assert.deepEqual(parseSlash('/fix-bug.v2 first line\nsecond line'), { name: 'fix-bug.v2', args: 'first line\nsecond line' });
  });

  it('is not a command when it is a path or does not start with a slash', () => {
    assert.equal(parseSlash('/etc/hosts: what is in it?'), undefined);
    assert.equal(parseSlash('run /new'), undefined);
    assert.equal(parseSlash('/'), undefined);
  });

  it('lists the built-ins the issue names, the mode ones and /try taking words', () => {
    assert.deepEqual(BUILT_IN_COMMANDS.map((command) => command.name), ['new', 'compact', 'undo', 'model', 'agent', 'ask', 'plan', 'try', 'help']);
    assert.deepEqual(BUILT_IN_COMMANDS.filter((command) => command.takesArguments).map((command) => command.name), ['agent', 'ask', 'plan', 'try']);
  });
});
