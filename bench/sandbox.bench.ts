// What the OS sandbox costs: `true`, and an npm-test-like job over a 100-file project (node reads
// and checks every file), each run bare and in bubblewrap, the medians and their ratio (goal for
// the job: under 1.2x).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeCommandRunner } from '../src/agent/commands/nodeCommandRunner';
import { SandboxedRunner } from '../src/agent/commands/sandbox/sandboxedRunner';
import { sandboxSupport } from '../src/agent/commands/sandbox/sandboxSupport';

const RUNS = 15;
const JOB_GOAL = 1.2;

export async function run(): Promise<string[]> {
  const support = await sandboxSupport();
  if (support.kind === 'none') return [`no sandbox here: ${support.reason}`];
  const root = mkdtempSync(path.join(tmpdir(), 'ouro-bench-sandbox-'));
  try {
    for (let i = 0; i < 100; i++) writeFileSync(path.join(root, `m${i}.js`), `module.exports = (x) => x + ${i};\n`);
    writeFileSync(path.join(root, 'test.js'), 'let ok = 0; for (let i = 0; i < 100; i++) { if (require(`./m${i}.js`)(1) === i + 1) ok++; } require("fs").writeFileSync("result.txt", String(ok)); console.log(`${ok} passed, 0 failed`);\n');
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'bench', version: '1.0.0', scripts: { test: 'node test.js' } }));
    const here = { display: '.', root, relative: '' };
    const bare = new NodeCommandRunner();
    const boxed = new SandboxedRunner(bare, { sandbox: support, network: () => false });
    const signal = new AbortController().signal;
    const time = async (runner: NodeCommandRunner | SandboxedRunner, command: string) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const result = await runner.run(command, here, { signal });
        if (result.exitCode !== 0) throw new Error(`${command} failed: ${result.output}`);
        times.push(performance.now() - started);
      }
      return median(times);
    };
    const trueBare = await time(bare, 'true');
    const trueBoxed = await time(boxed, 'true');
    const jobBare = await time(bare, 'npm test --silent');
    const jobBoxed = await time(boxed, 'npm test --silent');
    const ratio = jobBoxed / jobBare;
    return [
      `run \`true\`              ${trueBare.toFixed(1)} ms bare, ${trueBoxed.toFixed(1)} ms sandboxed (x${(trueBoxed / trueBare).toFixed(2)}, +${(trueBoxed - trueBare).toFixed(1)} ms)`,
      `npm test, 100 files     ${jobBare.toFixed(0)} ms bare, ${jobBoxed.toFixed(0)} ms sandboxed (x${ratio.toFixed(2)}; goal under x${JOB_GOAL}: ${ratio < JOB_GOAL ? 'met' : 'missed'})`,
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
