// Every case in test/fixtures/edits, table-driven: the engine must produce the expected file,
// or refuse with an error containing every expected phrase.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdit, applyEdits, type EditRequest } from '../../../src/agent/edits/index';

interface WireEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

interface EditCase {
  id: string;
  about: string;
  original: string;
  edit?: WireEdit;
  edits?: WireEdit[];
  expected?: string;
  error?: string[];
  strategy?: string;
  replacements?: number;
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'edits');

function loadCorpus(): Array<{ file: string; cases: EditCase[] }> {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, cases: (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { cases: EditCase[] }).cases }));
}

function toRequest(edit: WireEdit): EditRequest {
  return { oldString: edit.old_string, newString: edit.new_string, replaceAll: edit.replace_all };
}

function run(testCase: EditCase) {
  if (testCase.edits) {
    const outcome = applyEdits(testCase.original, testCase.edits.map(toRequest));
    return outcome.ok ? { ok: true as const, content: outcome.content, replacements: outcome.replacements, strategy: undefined } : outcome;
  }
  assert.ok(testCase.edit, `${testCase.id} has neither edit nor edits`);
  return applyEdit(testCase.original, toRequest(testCase.edit));
}

const corpus = loadCorpus();

describe('edit corpus (test/fixtures/edits)', () => {
  it('holds at least 40 cases with unique ids', () => {
    const ids = corpus.flatMap(({ cases }) => cases.map((c) => c.id));
    assert.ok(ids.length >= 40, `only ${ids.length} cases`);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const { file, cases } of corpus) {
    describe(file, () => {
      for (const testCase of cases) {
        it(`${testCase.id}: ${testCase.about}`, () => {
          const outcome = run(testCase);
          if (testCase.error) {
            assert.ok(!outcome.ok, `expected a refusal, got ${JSON.stringify(outcome.ok && outcome.content)}`);
            for (const phrase of testCase.error) assert.ok(outcome.error.includes(phrase), `error lacks "${phrase}":\n${outcome.error}`);
            return;
          }
          assert.ok(outcome.ok, `refused: ${!outcome.ok && outcome.error}`);
          assert.equal(outcome.content, testCase.expected);
          if (testCase.strategy) assert.equal(outcome.strategy, testCase.strategy);
          if (testCase.replacements !== undefined) assert.equal(outcome.replacements, testCase.replacements);
        });
      }
    });
  }
});
