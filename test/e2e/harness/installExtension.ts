// Installs the built extension into an extensions folder the way a .vsix would lay it out:
// `<publisher>.<name>-<version>/` holding package.json, dist/ and media/.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

/** Parts of dist/ a user's install does not have. */
const NOT_SHIPPED = new Set(['test', 'cli.js', 'cli.js.map', 'tokenizer-cl100k_base.br']);

export function installBuiltExtension(extensionsDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string; main: string };
  const main = path.join(root, manifest.main);
  if (!fs.existsSync(main)) throw new Error(`${manifest.main} is missing: build the extension first (npm run build)`);
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(target, 'package.json'));
  for (const file of ['README.md', 'LICENSE']) {
    if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(target, file));
  }
  fs.cpSync(path.join(root, 'media'), path.join(target, 'media'), { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(target, 'dist'), {
    recursive: true,
    filter: (source) => !NOT_SHIPPED.has(path.relative(path.join(root, 'dist'), source)) && !source.endsWith('.vsix'),
  });
  return target;
}
