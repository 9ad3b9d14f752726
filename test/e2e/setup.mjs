#!/usr/bin/env node
// Installs what the tests need from the system, before any test runs: Debian's ripgrep,
// bubblewrap, socat and curl (the unit tests search with rg, run commands in a sandbox and reach
// hosts from it through the network proxy, as a command that honours proxy variables would), and for the
// editor tests code-server (VS Code served to a browser, with the real workbench and extension
// host) plus Chromium, once, into a cache folder that git ignores. `@vscode/test-electron` cannot
// be used on machines without internet because it downloads VS Code; code-server comes from the
// npm registry. A second run takes well under a second.
//
// Usage: node test/e2e/setup.mjs [--unit | --check]
//   --unit    only what the unit tests need (the system packages, no editor).
//   --check   only report whether the editor is installed (exit 1 if not); install nothing.
// Environment:
//   OURO_EDITOR_CACHE  the cache folder (default: .vscode-test/ at the repository root)
//   OURO_CHROMIUM      a Chromium or Chrome binary to use instead of Debian's /usr/bin/chromium
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import editorInstall from './harness/editorInstall.cjs';

const { CODE_SERVER_VERSION, editorCacheDir, codeServerDir, chromiumPath } = editorInstall;

// What code-server's nested @vscode/ripgrep postinstall looks for before downloading from
// GitHub, which machines without internet cannot reach.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
// What the unit tests need, then what the editor needs (libkrb5 headers for code-server's build).
const UNIT_PACKAGES = ['ripgrep', 'bubblewrap', 'socat', 'curl'];
const EDITOR_PACKAGES = ['libkrb5-dev', 'chromium'];

const cacheDir = editorCacheDir();
const installDir = codeServerDir();
const marker = path.join(installDir, '.installed');
const checkOnly = process.argv.includes('--check');
const unitOnly = process.argv.includes('--unit');
const aptPackages = unitOnly ? UNIT_PACKAGES : [...UNIT_PACKAGES, ...EDITOR_PACKAGES];

class StepError extends Error {}

function log(line) {
  console.log(`[setup] ${line}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw new StepError(`${command} could not start: ${result.error.message}`);
  return result;
}

function onPath(binary) {
  return run('sh', ['-c', `command -v ${binary}`]).status === 0;
}

function missingAptPackages() {
  if (!onPath('dpkg-query')) return undefined;
  return aptPackages.filter((name) => {
    const status = run('dpkg-query', ['-W', '-f=${Status}', name]);
    return status.status !== 0 || !status.stdout.includes('install ok installed');
  });
}

/** How to run apt-get as root: directly as root, through `sudo -n` when that needs no password. */
function aptGet() {
  const env = 'DEBIAN_FRONTEND=noninteractive';
  if (typeof process.getuid !== 'function' || process.getuid() === 0) return ['env', [env, 'apt-get']];
  return onPath('sudo') && run('sudo', ['-n', 'true']).status === 0 ? ['sudo', ['-n', 'env', env, 'apt-get']] : undefined;
}

function installAptPackages() {
  const missing = missingAptPackages();
  if (missing === undefined) {
    log(`apt packages: skipped (not a Debian-like system); install ${aptPackages.join(', ')} yourself`);
    return;
  }
  if (missing.length === 0) {
    log(`apt packages: ${aptPackages.join(', ')} already installed`);
    return;
  }
  const apt = aptGet();
  if (!apt) {
    log(`apt packages: skipped, not root. Missing: ${missing.join(' ')}; run: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    return;
  }
  log(`apt packages: installing ${missing.join(' ')}`);
  const [command, prefix] = apt;
  const update = run(command, [...prefix, 'update'], { stdio: 'inherit' });
  if (update.status !== 0) throw new StepError(`apt-get update exited with ${update.status}`);
  const install = run(command, [...prefix, 'install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit' });
  if (install.status !== 0) throw new StepError(`apt-get install ${missing.join(' ')} exited with ${install.status}`);
}

/** Puts the system's `rg` where @vscode/ripgrep's postinstall looks before it downloads. */
function prepareRipgrepCache(tmpDir) {
  const rg = run('sh', ['-c', 'command -v rg']).stdout.trim();
  if (!rg) throw new StepError('ripgrep (rg) is not on PATH; install the ripgrep package');
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  if (!arch) throw new StepError(`no ripgrep cache name known for ${process.arch}`);
  const dir = path.join(tmpDir, RIPGREP_CACHE_DIR);
  const staging = fs.mkdtempSync(path.join(tmpDir, 'rg-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(rg, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const archive = path.join(dir, `ripgrep-${RIPGREP_RELEASE}-${arch}-unknown-linux-musl.tar.gz`);
  const tar = run('tar', ['-czf', archive, '-C', staging, 'rg']);
  fs.rmSync(staging, { recursive: true, force: true });
  if (tar.status !== 0) throw new StepError(`tar failed: ${tar.stderr}`);
  log(`ripgrep cache: ${archive}`);
}

/** Installs into a fresh folder and renames it into place, so a failed or concurrent run leaves no half install. */
function installCodeServer() {
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.startsWith(`code-server-${CODE_SERVER_VERSION}.partial-`)) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
  const partial = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}.partial-${process.pid}`);
  const tmpDir = path.join(partial, '.tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  prepareRipgrepCache(tmpDir);
  fs.writeFileSync(path.join(partial, 'package.json'), JSON.stringify({ name: 'ouro-test-editor', private: true }, null, 2));
  const logFile = path.join(cacheDir, 'npm-install.log');
  log(`npm install code-server@${CODE_SERVER_VERSION} (a few minutes; log: ${logFile})`);
  const started = Date.now();
  const env = { ...process.env, TMPDIR: tmpDir, npm_config_yes: 'true' };
  // npm scripts export their own settings as npm_config_*; the nested install must not inherit them.
  for (const key of Object.keys(env)) if (key.startsWith('npm_') && key !== 'npm_config_yes' && key !== 'npm_config_cache') delete env[key];
  const npm = run('npm', ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: partial,
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  fs.writeFileSync(logFile, `${npm.stdout}\n${npm.stderr}`);
  if (npm.status !== 0) {
    const tail = `${npm.stdout}\n${npm.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new StepError(`npm install exited with ${npm.status}. Last lines:\n${tail}`);
  }
  fs.rmSync(tmpDir, { recursive: true, force: true });
  const version = run(process.execPath, [path.join(partial, 'node_modules', 'code-server', 'out', 'node', 'entry.js'), '--version']);
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new StepError(`the installed code-server does not start: ${version.stderr || version.stdout}`);
  }
  fs.writeFileSync(path.join(partial, '.installed'), `${CODE_SERVER_VERSION}\n`);
  if (fs.existsSync(marker)) {
    fs.rmSync(partial, { recursive: true, force: true });
  } else {
    fs.rmSync(installDir, { recursive: true, force: true });
    fs.renameSync(partial, installDir);
  }
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

function step(name, fn) {
  try {
    fn();
  } catch (error) {
    const message = error instanceof StepError ? error.message : (error && error.stack) || String(error);
    console.error(`[setup] FAILED at step "${name}": ${message}`);
    process.exit(1);
  }
}

function checkBrowser() {
  const chromium = chromiumPath();
  if (!chromium) throw new StepError('no Chromium found: install the chromium package or set OURO_CHROMIUM to a Chromium/Chrome binary');
  log(`chromium: ${chromium}`);
}

function main() {
  const installed = fs.existsSync(marker);
  if (checkOnly) {
    const chromium = chromiumPath();
    log(`code-server ${CODE_SERVER_VERSION}: ${installed ? installDir : 'not installed'}`);
    log(`chromium: ${chromium || 'not found'}`);
    process.exit(installed && chromium ? 0 : 1);
  }
  step('apt packages', installAptPackages);
  if (unitOnly) return;
  step('chromium', checkBrowser);
  if (installed) {
    log(`code-server ${CODE_SERVER_VERSION}: already installed in ${installDir}`);
    return;
  }
  step(`npm install code-server@${CODE_SERVER_VERSION}`, installCodeServer);
}

main();
