// Every way a tool.json can be wrong has one exact message for the model that wrote it.
import * as assert from 'node:assert/strict';
import { checkManifest } from '../../../src/agent/customTools/toolManifest';

const folder = { name: 'count_lines', files: ['count.js', 'tool.json', 'lib.py'] };
const valid = {
  name: 'count_lines',
  description: 'Count the lines of a file.',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  command: 'count.js',
};
const check = (manifest: unknown, taken: string[] = ['read_file']) => checkManifest(typeof manifest === 'string' ? manifest : JSON.stringify(manifest), folder, new Set(taken));
const problemOf = (manifest: unknown, taken?: string[]) => {
  const result = check(manifest, taken);
  return result.ok ? 'ok' : result.problem;
};

describe('tool.json', () => {
  const problems: Array<[string, unknown, RegExp]> = [
    ['text that is not JSON', '{"name": "count_lines",', /^it is not valid JSON \(.+\)$/],
    ['a missing description', { ...valid, description: undefined }, /^description: missing \(expected string\)$/],
    ['an empty description', { ...valid, description: '  ' }, /^description: say in a sentence what the tool does$/],
    ['a key it does not know', { ...valid, args: {} }, /^Unrecognized key: "args"$/],
    ['missing parameters', { ...valid, parameters: undefined }, /^parameters: give a JSON schema object, like \{"type": "object", "properties": \{\.\.\.\}\}$/],
    ['a name the API would refuse', { ...valid, name: 'count lines' }, /^name: use 1 to 64 letters, digits, _ or -$/],
    ['a name that is not the folder name', { ...valid, name: 'lines' }, /^name is "lines" but the folder is "count_lines": they must be the same$/],
    ['a command that is neither a string nor an argv array', { ...valid, command: 42 }, /^command: give the name of a script in the tool's folder \("run\.py"\), or an argv array/],
    ['an empty argv', { ...valid, command: [] }, /^command: the argv array is empty: give at least the program to run$/],
    ['parameters that are not an object schema', { ...valid, parameters: { type: 'string' } }, /^parameters must be a JSON schema with "type": "object" .*not "type": "string"$/],
    ['parameters without a type', { ...valid, parameters: { properties: {} } }, /not a schema without "type"$/],
    ['parameters that are not a valid schema', { ...valid, parameters: { type: 'object', properties: { path: { type: 'strin' } } } }, /^parameters is not a valid JSON schema: parameters\.properties\.path\.type must be equal to one of the allowed values \(array, boolean, integer, null, number, object, string\)$/],
    ['a script that is not in the folder', { ...valid, command: 'count.ts' }, /^command "count\.ts" is not a file in the tool's folder; it has: count\.js, tool\.json, lib\.py$/],
    ['a command line given as a string', { ...valid, command: 'python3 lib.py' }, /give command as an array: \["python3", "run\.py", "--fast"\]/],
  ];
  for (const [what, manifest, expected] of problems) {
    it(`reports ${what}`, () => assert.match(problemOf(manifest), expected));
  }

  it('refuses the name of a tool that already exists', () => {
    assert.match(problemOf(valid, ['count_lines']), /^name "count_lines" is already taken by another tool/);
  });

  it('runs a script with the interpreter its extension calls for, and marks it as the tool\'s file', () => {
    const cases: Array<[string, string[]]> = [
      ['count.js', ['node', 'count.js']],
      ['./lib.py', ['python3', 'lib.py']],
      ['tool.json', ['tool.json']],
    ];
    for (const [command, argv] of cases) {
      const result = check({ ...valid, command });
      assert.ok(result.ok, command);
      assert.deepEqual(result.tool.argv, argv);
      assert.deepEqual(result.tool.toolFiles, argv.map((_, i) => i === argv.length - 1));
    }
  });

  it('keeps an argv as written, marking the words that name files of the tool', () => {
    const result = check({ ...valid, command: ['python3', './lib.py', '--fast', 'count.js'], timeout_s: 5 });
    assert.ok(result.ok);
    assert.deepEqual(result.tool.argv, ['python3', 'lib.py', '--fast', 'count.js']);
    assert.deepEqual(result.tool.toolFiles, [false, true, false, true]);
    assert.equal(result.tool.timeoutMs, 5000);
  });

  it('accepts a schema that names its draft and uses keywords the validator does not know', () => {
    const parameters = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { n: { type: 'integer', examples: [1] } }, 'x-note': 'mine' };
    assert.equal(problemOf({ ...valid, parameters }), 'ok');
  });
});
