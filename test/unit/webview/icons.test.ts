import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ICON_NAMES } from '../../../src/webview/icons';
import { codiconSvgReader, iconsCss, svgDataUri } from '../../../src/webview/iconsCss';

const ROOT = join(__dirname, '..', '..', '..');
const svgOf = codiconSvgReader(join(ROOT, 'node_modules', '@vscode', 'codicons', 'src'));

/** Every `.ts` file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

describe('The chat view icons', () => {
  it('draws every named icon from an SVG of @vscode/codicons, including names the font knows only as aliases', () => {
    const css = iconsCss(ICON_NAMES, svgOf);
    for (const name of ICON_NAMES) assert.match(css, new RegExp(`\\.codicon-${name}\\{--codicon:url\\('data:image/svg\\+xml,%3Csvg `), name);
    assert.match(svgOf('circle-outline'), /^<svg/, 'circle-outline is the file circle.svg');
    assert.throws(() => svgOf('no-such-icon'), /no icon "no-such-icon"/);
  });

  it('names in ICON_NAMES every codicon class the page and the view write as text', () => {
    const files = [...sources(join(ROOT, 'src', 'webview')).filter((file) => !file.endsWith('iconsCss.ts')), join(ROOT, 'src', 'host', 'chat', 'webviewHtml.ts')];
    const used = new Set<string>();
    for (const file of files) for (const match of readFileSync(file, 'utf8').matchAll(/codicon-([a-z0-9-]+)/g)) used.add(match[1]);
    used.delete('modifier-spin');
    assert.ok(used.has('send') && used.has('copy'), 'the scan finds the page\'s Send and the code blocks\' Copy');
    const known = new Set<string>(ICON_NAMES);
    assert.deepEqual([...used].filter((name) => !known.has(name)), []);
  });

  it('percent-encodes what would end a quoted url() or start a fragment, and nothing of the SVG is lost', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">\n  <path fill='#fff' d="M1 1h2"/>\n</svg>`;
    const uri = svgDataUri(svg);
    assert.doesNotMatch(uri.slice('data:image/svg+xml,'.length), /['#<>\n]/);
    assert.equal(decodeURIComponent(uri.slice('data:image/svg+xml,'.length)), `<svg xmlns="http://www.w3.org/2000/svg"> <path fill='#fff' d="M1 1h2"/> </svg>`);
    assert.throws(() => svgDataUri('<html></html>'), /not an SVG/);
    // Path data to two decimals; numbers written together stay apart.
    assert.equal(decodeURIComponent(svgDataUri('<svg><path d="M13.854 8.14576L0.996.5 2 3.10001 4.125"/></svg>').slice('data:image/svg+xml,'.length)), '<svg><path d="M13.85 8.15L1.0.5 2 3.1 4.13"/></svg>');
  });
});
