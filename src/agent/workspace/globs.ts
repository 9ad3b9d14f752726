// The `glob` filter of search_files, matched the way ripgrep's --glob matches, so the plain-Node
// search keeps the same results: paths relative to the workspace folder; a glob without a slash
// matches the file name at any depth; `*` stops at `/`, `**` does not; `{a,b}` alternates;
// `!glob` excludes; the last glob that matches decides, and when only excluding globs are given
// everything else stays in.

export interface GlobFilter {
  /** Whether a file (folder-relative path) is searched. */
  includesFile(relative: string): boolean;
  /** Whether a folder is left out entirely (an excluding glob matched it). */
  excludesFolder(relative: string): boolean;
}

/** Several globs may come in one string, separated by commas outside braces: "*.ts, *.tsx". */
export function splitGlobs(glob: string | undefined): string[] {
  if (!glob) return [];
  const globs: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of glob) {
    if (char === '{') depth++;
    if (char === '}') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      globs.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  globs.push(current);
  return globs.map((g) => g.trim()).filter(Boolean);
}

export function globFilter(globs: readonly string[]): GlobFilter {
  const rules = globs.map((glob) => {
    const exclude = glob.startsWith('!');
    return { exclude, regex: globToRegExp(exclude ? glob.slice(1) : glob) };
  });
  const hasIncludes = rules.some((rule) => !rule.exclude);
  const lastMatch = (relative: string) => {
    for (let i = rules.length - 1; i >= 0; i--) if (rules[i].regex.test(relative)) return rules[i];
    return undefined;
  };
  return {
    includesFile(relative) {
      const rule = lastMatch(relative);
      return rule ? !rule.exclude : !hasIncludes;
    },
    excludesFolder(relative) {
      return lastMatch(relative)?.exclude === true;
    },
  };
}

export function globToRegExp(glob: string): RegExp {
  let body = glob.startsWith('/') ? glob.slice(1) : glob;
  if (body.endsWith('/')) body = body.slice(0, -1);
  const anchored = body.includes('/');
  let source = '';
  let braces = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '*') {
      if (body[i + 1] === '*') {
        const atStart = i === 0 || body[i - 1] === '/';
        const atEnd = i + 2 === body.length || body[i + 2] === '/';
        if (atStart && atEnd) {
          // "**/" matches any number of folders, including none; a trailing "**" anything.
          source += i + 2 === body.length ? '.*' : '(?:.*/)?';
          i += 2;
          continue;
        }
        i++;
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = body.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
      } else {
        const inner = body.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${inner}]`;
        i = end;
      }
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else if (char === '\\' && i + 1 < body.length) {
      source += escapeRegExp(body[++i]);
    } else {
      source += escapeRegExp(char);
    }
  }
  source += ')'.repeat(braces);
  return new RegExp(anchored ? `^${source}$` : `(?:^|/)${source}$`);
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
