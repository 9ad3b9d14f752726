// What the OS sandbox costs: `true`, and an npm-test-like job over a 100-file project (node reads
// and checks every file), each run bare and in the OS sandbox (bubblewrap, or Seatbelt on macOS),
// the medians and their ratio (goal for the job: under 1.2x). Then, with bubblewrap, what allowing
// hosts adds: `true` behind the bridge to the network proxy (socat started and listening before
// the command), and curl fetching from a server on this machine with the whole network and
// through the proxy. Seatbelt allows no single hosts (a host list is no network there).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeCommandRunner } from '../src/agent/commands/nodeCommandRunner';
import { NO_NETWORK, networkAllowed, type NetworkAccess } from '../src/agent/commands/sandbox/networkAccess';
import { SandboxedRunner } from '../src/agent/commands/sandbox/sandboxedRunner';
import { sandboxSupport } from '../src/agent/commands/sandbox/sandboxSupport';
import { median } from './stats';

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
    const boxed = new SandboxedRunner(bare, { sandbox: support, network: () => NO_NETWORK });
    const signal = new AbortController().signal;
    const time = async (runner: NodeCommandRunner | SandboxedRunner, command: string, runs = RUNS) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
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
      ...(support.kind === 'bubblewrap' ? await proxyCost(bare, support, time, trueBoxed) : ['hosts allowed: not measured (Seatbelt allows no single hosts)']),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

type Timer = (runner: SandboxedRunner, command: string, runs?: number) => Promise<number>;

async function proxyCost(bare: NodeCommandRunner, sandbox: { kind: 'bubblewrap'; path: string }, time: Timer, trueBoxed: number): Promise<string[]> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let network: NetworkAccess = networkAllowed([`127.0.0.1:${port}`]).access;
  const boxed = new SandboxedRunner(bare, { sandbox, network: () => network });
  try {
    // The first run starts the proxy; it is shared by the runs after it.
    await time(boxed, 'true', 1);
    const trueHosts = await time(boxed, 'true');
    const lines = [`run \`true\`, hosts allowed ${trueHosts.toFixed(1)} ms (+${(trueHosts - trueBoxed).toFixed(1)} ms for the bridge to the proxy)`];
    const fetch = `command -v curl >/dev/null || exit 0; curl -sf http://127.0.0.1:${port}/ >/dev/null`;
    const viaProxy = await time(boxed, fetch);
    network = { kind: 'all' };
    const direct = await time(boxed, fetch);
    lines.push(`curl a local server     ${direct.toFixed(1)} ms with the whole network, ${viaProxy.toFixed(1)} ms through the proxy (+${(viaProxy - direct).toFixed(1)} ms)`);
    return lines;
  } finally {
    await boxed.dispose();
    server.close();
  }
}
