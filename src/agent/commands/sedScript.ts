// Whether a sed command line runs commands (`e`, the `s///e` flag) or writes files (`w`, `W`,
// the `s///w` flag) through its script: a small reader of sed's command syntax, which skips what
// the addresses, `s` and `y` hold. A script it cannot read counts as risky. Pure.

/** `words[0]` is sed; `from` is where the words a rule does not name begin. */
export function riskySedScript(words: readonly string[], from: number): string | undefined {
  for (const [at, script] of sedScripts(words)) {
    if (at >= from && !harmlessSed(script)) return `the sed script \`${script}\` can run commands or write files`;
  }
  return undefined;
}

/** Each script with the index of its word: the values of -e/--expression, else the first plain word. */
function sedScripts(words: readonly string[]): Array<[number, string]> {
  const scripts: Array<[number, string]> = [];
  let firstPlain: number | undefined;
  for (let at = 1; at < words.length; at++) {
    const word = words[at];
    if (word === '--') {
      firstPlain ??= at + 1 < words.length ? at + 1 : undefined;
      break;
    }
    if (word.startsWith('--expression') || word === '--e' || word.startsWith('--ex')) {
      const inline = word.indexOf('=');
      if (inline >= 0) scripts.push([at, word.slice(inline + 1)]);
      else if (at + 1 < words.length) scripts.push([++at, words[at]]);
    } else if (/^-[a-zA-Z]*e/.test(word)) {
      const rest = word.slice(word.indexOf('e') + 1);
      if (rest !== '') scripts.push([at, rest]);
      else if (at + 1 < words.length) scripts.push([++at, words[at]]);
    } else if (/^-[a-zA-Z]*l$/.test(word)) at++;
    else if (!word.startsWith('-')) firstPlain ??= at;
  }
  if (scripts.length === 0 && firstPlain !== undefined) scripts.push([firstPlain, words[firstPlain]]);
  return scripts;
}

const SIMPLE = new Set('{}=dDgGhHlnNpPxzFqQ');
const TO_LINE_END = new Set(':btTvaicrR#');

export function harmlessSed(script: string): boolean {
  let i = 0;
  const skip = (pattern: RegExp) => {
    while (i < script.length && pattern.test(script[i])) i++;
  };
  // A regex or the parts of s and y: up to the next unescaped delimiter.
  const delimited = (delimiter: string): boolean => {
    for (i++; i < script.length && script[i] !== delimiter; i++) if (script[i] === '\\') i++;
    return i < script.length;
  };
  const address = (): boolean => {
    if (script[i] === '/' || script[i] === '\\') {
      if (script[i] === '\\') i++;
      if (!delimited(script[i])) return false;
      i++;
      skip(/[IM]/);
    } else skip(/[0-9$~+]/);
    return true;
  };
  while (i < script.length) {
    skip(/[\s;]/);
    if (i >= script.length) break;
    if (!address()) return false;
    if (script[i] === ',') {
      i++;
      if (!address()) return false;
    }
    skip(/[\s!]/);
    const command = script[i] ?? '';
    if (SIMPLE.has(command)) {
      i++;
      skip(/[0-9]/);
    } else if (TO_LINE_END.has(command)) {
      while (i < script.length && script[i] !== '\n' && !(script[i] === ';' && 'btT:'.includes(command))) i += script[i] === '\\' ? 2 : 1;
    } else if (command === 's' || command === 'y') {
      const delimiter = script[i + 1];
      if (delimiter === undefined || delimiter === '\n' || delimiter === '\\') return false;
      i++;
      if (!delimited(delimiter) || !delimited(delimiter)) return false;
      i++;
      const flags = /^[0-9gpiImMew]*/.exec(script.slice(i))?.[0] ?? '';
      if (command === 's' && /[ew]/.test(flags)) return false;
      i += flags.length;
      skip(/[ \t]/);
      if (i < script.length && !';\n}'.includes(script[i])) return false;
    } else return false;
  }
  return true;
}
