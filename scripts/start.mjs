// `npm start [-- FOLDER]`: builds Ouro and opens it in a real VS Code. Desktop VS Code when
// `code` is on PATH (Ouro loaded with --extensionDevelopmentPath); otherwise the test editor
// (code-server, installed on first use) on localhost, until Ctrl+C. Without FOLDER it opens a
// copy of test/fixtures/sample-workspace, so experiments never change the fixture.
//
// The model: OPENAI_BASE_URL / OPENAI_API_KEY / OURO_MODEL when set, else an Ollama server on
// localhost:11434 when one answers (its first model), else none and the chat shows its setup card.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OLLAMA = 'http://localhost:11434';

function fail(message) {
  console.error(`✘ ${message}`);
  process.exit(1);
}

function workspaceFolder() {
  const given = process.argv[2];
  if (given) {
    const folder = resolve(given);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) fail(`${folder} is not a folder`);
    return folder;
  }
  const copy = join(root, '.vscode-test', 'sample-workspace');
  if (!existsSync(copy)) {
    mkdirSync(dirname(copy), { recursive: true });
    cpSync(join(root, 'test', 'fixtures', 'sample-workspace'), copy, { recursive: true });
  }
  return copy;
}

/** The endpoint to preconfigure, or undefined to let the chat's setup card ask. */
async function findModel() {
  if (process.env.OPENAI_BASE_URL || process.env.OURO_MODEL) {
    return { baseUrl: process.env.OPENAI_BASE_URL ?? '', model: process.env.OURO_MODEL ?? '', from: 'the environment' };
  }
  try {
    const response = await fetch(`${OLLAMA}/api/tags`, { signal: AbortSignal.timeout(1500) });
    const { models } = await response.json();
    if (response.ok && models?.length) return { baseUrl: `${OLLAMA}/v1`, model: models[0].name, from: `Ollama on ${OLLAMA}` };
  } catch {
    // No Ollama here.
  }
  return undefined;
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;
}

function openInDesktop(folder, model) {
  console.log(`▶ opening VS Code with Ouro in development mode on ${folder}`);
  // The extension falls back to these variables when its settings are empty.
  const env = { ...process.env, ...(model && { OPENAI_BASE_URL: model.baseUrl, OURO_MODEL: model.model }) };
  const code = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${root}`, folder], { stdio: 'inherit', env });
  if (code.status !== 0) fail(`code exited with ${code.status}`);
}

async function openInTestEditor(folder, model) {
  const setup = spawnSync(process.execPath, [join(root, 'test', 'e2e', 'setup.mjs')], { stdio: 'inherit' });
  if (setup.status !== 0) fail('could not install the test editor (see above)');
  const { tsImport } = await import('tsx/esm/api');
  const { startCodeServer } = await tsImport('../test/e2e/harness/codeServer.ts', import.meta.url);
  const server = await startCodeServer({
    // Kept between runs, so the API key saved with "Ouro: Set API Key" stays saved.
    userDataDir: join(root, '.vscode-test', 'start-user-data'),
    settings: model ? { 'ouro.baseUrl': model.baseUrl, 'ouro.model': model.model } : {},
    port: Number(process.env.OURO_PORT) || 0,
  });
  const url = server.folderUrl(folder, [['extensionDevelopmentPath', `vscode-remote://${server.authority}${root}`]]);
  console.log(`\nOuro is running in VS Code (code-server) at:\n\n  ${url}\n`);
  console.log('Open it in a browser on this machine, then click the Ouro icon in the activity bar (or press Ctrl+Alt+O).');
  console.log('Ctrl+C stops it.');
  process.once('exit', () => console.log('stopped'));
  // codeServer.ts stops the editor on Ctrl+C (SIGINT) and SIGTERM; until then, keep running.
  await new Promise(() => undefined);
}

await ensureDependencies(root);
console.log('▶ building');
const build = spawnSync(process.execPath, [join(root, 'esbuild.config.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed (see above)');

const folder = workspaceFolder();
const model = await findModel();
console.log(model ? `▶ model: ${model.model || '(none named)'} at ${model.baseUrl || '(default URL)'}, from ${model.from}` : '▶ no model configured: the chat will ask for one');
if (onPath('code') && !process.env.OURO_TEST_EDITOR) openInDesktop(folder, model);
else await openInTestEditor(folder, model);
