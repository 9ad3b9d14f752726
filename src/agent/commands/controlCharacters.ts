// Characters bash reads as part of a word but the shell grammar reads as blanks (`\r`, `\v`, `\f`
// before `#` make the rest of the line a "comment" to the checker and a second command to bash).
// No honest command line needs them, so a line holding any control character but tab and
// newline is refused before any rule is judged. Pure.

const STRAY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Why the line is refused, or undefined when it holds no such character. */
export function strayControlCharacter(commandLine: string): string | undefined {
  const found = STRAY.exec(commandLine);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0).toString(16).padStart(2, '0');
  return `the command line holds a control character (\\x${code} at position ${found.index}) that bash and the checker read differently; remove it (only tab and newline may separate words)`;
}
