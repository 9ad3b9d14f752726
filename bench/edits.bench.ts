// The edit engine against the peers' recorded cases (pass rate per peer file, the ids that fail
// and why), then timed on a 10,000-line file along its exact and forgiving paths.
import { performance } from 'node:perf_hooks';
import { applyEdit, type EditRequest } from '../src/agent/edits/index';
import { loadPeerCases, runPeerCase, type PeerResult } from './editPeerCases';

// Where a peer's expectation contradicts a rule we hold on purpose. These still count as failures.
const DISAGREEMENTS: Record<string, string> = {
  'aider-001': 'ambiguous: old_string occurs twice; Aider edits the first, we ask for context or replace_all',
  'aider-002': 'ambiguous: "line1" occurs twice (both indented); Aider edits the first',
  'aider-011': 'ambiguous: the block occurs twice; Aider edits the first',
  'aider-009': 'old_string "\\nb\\nc\\n" is in the file as text, so we replace it as given (joining "a" and "B"); Aider matches whole lines only',
  'aider-013': 'differs from the file only in whitespace; we match it (as continue-039 requires), Aider refuses',
  'cline-006': 'we re-indent new_string to the matched line (as Roo, Aider and Continue do); Cline leaves it flush left',
  'cline-011': 'the file had no final newline and keeps none; Cline leaves one after deleting the last line',
  'continue-033': 'empty old_string on a non-empty file: we refuse; Continue inserts at the top',
  'roo-025': 'ambiguous: five matches; Roo picks one with its start_line hint, which edit_file does not take',
  'roo-026': 'a near miss ("result" vs "results"): we refuse and show the closest text; Roo accepts 90% similarity',
};

export async function run(): Promise<string[]> {
  return [...peerCaseLines(), '', ...timingLines()];
}

function peerCaseLines(): string[] {
  const cases = loadPeerCases();
  const results: PeerResult[] = [];
  const setAside = new Map<string, Map<string, number>>();
  for (const peerCase of cases) {
    if (peerCase.applicable) results.push(runPeerCase(peerCase));
    else {
      const reasons = setAside.get(peerCase.file) ?? new Map<string, number>();
      reasons.set(peerCase.reason, (reasons.get(peerCase.reason) ?? 0) + 1);
      setAside.set(peerCase.file, reasons);
    }
  }
  const files = [...new Set(cases.map((peerCase) => peerCase.file))];
  const lines = ['peer edit cases (bench/edit-cases)'];
  for (const file of files) {
    const own = results.filter((result) => result.file === file);
    const passed = own.filter((result) => result.passed).length;
    const rate = own.length ? `${passed}/${own.length} pass (${percent(passed, own.length)})` : 'nothing applicable';
    const aside = [...(setAside.get(file) ?? new Map<string, number>())].map(([reason, count]) => `${count} not applicable: ${reason}`);
    lines.push(`  ${file.padEnd(38)} ${rate}${aside.length ? `; ${aside.join('; ')}` : ''}`);
  }
  const passed = results.filter((result) => result.passed).length;
  const notApplicable = cases.length - results.length;
  lines.push(`  all applicable: ${passed}/${results.length} pass (${percent(passed, results.length)}); ${notApplicable} not applicable`);
  const failed = results.filter((result) => !result.passed);
  if (failed.length) lines.push(`  failing: ${failed.map((result) => result.id).join(', ')}`);
  for (const result of failed) lines.push(`    ${result.id}: ${DISAGREEMENTS[result.id] ?? `UNEXPECTED, ${result.detail.slice(0, 200)}`}`);
  return lines;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** A 10,000-line TypeScript-like file whose every function is distinct. */
export function bigFile(lineCount = 10_000): string {
  const lines: string[] = [];
  for (let fn = 0; lines.length < lineCount; fn++) {
    lines.push(`export function step${fn}(input: number): number {`);
    lines.push(`  const scaled = input * ${fn + 1};`);
    lines.push(`  if (scaled > ${fn * 7}) {`);
    lines.push(`    return scaled - ${fn};`);
    lines.push('  }');
    lines.push(`  return scaled + ${fn % 13};`);
    lines.push('}');
    lines.push('');
  }
  return `${lines.slice(0, lineCount).join('\n')}\n`;
}

function timingLines(): string[] {
  const content = bigFile();
  const target = 9_000; // near the end, so every scan walks most of the file
  const fn = target / 8;
  const block = [`  if (scaled > ${fn * 7}) {`, `    return scaled - ${fn};`, '  }'];
  const paths: Array<[string, EditRequest]> = [
    ['exact', { oldString: block.join('\n'), newString: block.join('\n').replace('return', 'return -') }],
    ['indentation', { oldString: block.map((l) => l.trim()).join('\n'), newString: block.map((l) => l.trim()).join('\n').replace('return', 'return -') }],
    ['normalised', { oldString: block.map((l) => l.replace(/ /g, '  ')).join('\n'), newString: block.join('\n').replace('return', 'return -') }],
    ['elision', { oldString: [block[0], '    // ...', block[2]].join('\n'), newString: [block[0], '    // ...', '  } // checked'].join('\n') }],
    ['whitespace', { oldString: block.join('').replace(/\s+/g, ''), newString: block.join('\n').replace('return', 'return -') }],
    ['not found (closest region)', { oldString: block.join('\n').replace('scaled', 'scaledd'), newString: 'x' }],
  ];
  const lines = [`edit engine on a ${content.split('\n').length - 1}-line file (${(content.length / 1024).toFixed(0)} KB), median of 15 runs`];
  for (const [name, edit] of paths) {
    const outcome = applyEdit(content, edit);
    const how = outcome.ok ? `strategy ${outcome.strategy}` : 'refused';
    lines.push(`  ${name.padEnd(28)} ${median(() => applyEdit(content, edit), 15).toFixed(2).padStart(8)} ms  (${how})`);
  }
  return lines;
}

function median(work: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}
