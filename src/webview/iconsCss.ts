// The stylesheet the build writes to dist/icons.css: a `.codicon` is a 16 px square painted in
// the text's colour through its icon's SVG as a mask, so icons take colour from CSS exactly as
// the codicon font's glyphs did. Build-time code: nothing in the chat view's bundle imports it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CSS for `names`, reading each icon's SVG with `svgOf`. */
export function iconsCss(names: readonly string[], svgOf: (name: string) => string): string {
  const rules = names.map((name) => `.codicon-${name}{--codicon:url('${svgDataUri(svgOf(name))}')}`);
  return [
    '.codicon{display:inline-block;flex:none;width:16px;height:16px;vertical-align:text-bottom;background-color:currentColor;',
    '-webkit-mask:var(--codicon) center/16px 16px no-repeat;mask:var(--codicon) center/16px 16px no-repeat}',
    '@keyframes codicon-spin{100%{transform:rotate(360deg)}}',
    // Steps, as VS Code's own: a smooth spin would repaint at the screen's full rate.
    '.codicon-modifier-spin{animation:codicon-spin 1.5s steps(30) infinite}',
    '@media (prefers-reduced-motion:reduce){.codicon-modifier-spin{animation:none}}',
    ...rules,
  ].join('\n');
}

/**
 * An SVG as a `data:` URI for a single-quoted CSS url(), percent-encoding only what that and a URI
 * need. Numbers are cut to two decimals (a hundredth of a 16 px icon's pixel; the codicons give up
 * to five), a quarter less to ship; each keeps its decimal point, so `0.996.5` (two numbers in
 * path data) stays two numbers, `1.0` and `.5`.
 */
export function svgDataUri(svg: string): string {
  const text = svg
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\d*\.\d{3,}/g, (number) => Number(number).toFixed(2).replace(/(\.\d)0$/, '$1'));
  if (!text.startsWith('<svg')) throw new Error(`not an SVG: ${text.slice(0, 40)}`);
  return `data:image/svg+xml,${text.replace(/['%#<>{}\\^`|]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}`;
}

/**
 * Reads a codicon's SVG from @vscode/codicons' `src` folder (`packageSrc`). The font knows some
 * icons by more names than there are SVG files (circle-outline is circle.svg): its mapping of
 * each glyph to its names finds the file.
 */
export function codiconSvgReader(packageSrc: string): (name: string) => string {
  const mapping = JSON.parse(readFileSync(join(packageSrc, 'template', 'mapping.json'), 'utf8')) as Record<string, string[]>;
  const aliases = Object.values(mapping);
  return (name) => {
    const candidates = [name, ...(aliases.find((names) => names.includes(name)) ?? [])];
    const file = candidates.map((candidate) => join(packageSrc, 'icons', `${candidate}.svg`)).find((path) => existsSync(path));
    if (!file) throw new Error(`@vscode/codicons has no icon "${name}"`);
    return readFileSync(file, 'utf8');
  };
}
