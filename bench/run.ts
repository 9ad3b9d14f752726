// Runs every bench/*.bench.ts (or those whose name contains an argument) and prints what each
// measured. A bench module exports `run(): Promise<string[]>`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
  let failed = 0;
  for (const file of files) {
    const title = file.replace(/\.bench\.ts$/, '');
    console.log(`\n## ${title}`);
    const started = Date.now();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bench = require(join(__dirname, file)) as { run(): Promise<string[]> };
      for (const line of await bench.run()) console.log(line);
      console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.error(`${title} failed: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
