// A reader for the Seatbelt profiles seatbeltArgs writes, so their policy can be tested where
// sandbox-exec does not exist: it parses the profile into rules and answers "may this operation
// touch this path?" the way Seatbelt does for path rules (the last matching rule wins, nothing
// matching is denied). It understands `subpath` and `literal` filters on a string or a
// `(param "NAME")`; a rule with any other filter never matches here.

type Expression = string | { quoted: string } | Expression[];

export interface PathRule {
  action: 'allow' | 'deny';
  operations: string[];
  filters: Array<{ kind: string; path: string | undefined }>;
}

/** The profile's top-level forms; throws where parentheses or strings do not close. */
export function parseProfile(profile: string): Expression[] {
  const tokens = profile.replace(/;[^\n]*/g, '').match(/#"(?:[^"\\]|\\.)*"|"(?:[^"\\]|\\.)*"|[()]|[^\s()"]+/g) ?? [];
  let at = 0;
  const read = (): Expression => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('the profile ends inside a form');
    if (token === ')') throw new Error(`an unmatched ) at token ${at}`);
    if (token.startsWith('"') || token.startsWith('#"')) return { quoted: JSON.parse(token.replace(/^#/, '')) as string };
    if (token !== '(') return token;
    const list: Expression[] = [];
    while (tokens[at] !== ')') list.push(read());
    at++;
    return list;
  };
  const forms: Expression[] = [];
  while (at < tokens.length) forms.push(read());
  return forms;
}

/** The allow and deny rules, their paths filled in from `params`; throws on a parameter nobody passed. */
export function pathRules(profile: string, params: Record<string, string>): PathRule[] {
  return parseProfile(profile).flatMap((form) => {
    if (!Array.isArray(form) || (form[0] !== 'allow' && form[0] !== 'deny')) return [];
    const operations = form.slice(1).filter((part): part is string => typeof part === 'string');
    const filters = form.slice(1).filter((part): part is Expression[] => Array.isArray(part)).map((filter) => ({ kind: String(filter[0]), path: pathOf(filter[1], params) }));
    return [{ action: form[0], operations, filters }];
  });
}

/** Whether the profile lets `operation` (file-read-data, file-write-create, ...) reach `file`. */
export function allows(rules: readonly PathRule[], operation: string, file: string): boolean {
  let allowed = false;
  for (const rule of rules) {
    if (!rule.operations.some((name) => name === operation || (name.endsWith('*') && operation.startsWith(name.slice(0, -1))))) continue;
    const matches =
      rule.filters.length === 0 ||
      rule.filters.some(({ kind, path }) => path !== undefined && ((kind === 'literal' && file === path) || (kind === 'subpath' && (file === path || file.startsWith(`${path}/`)))));
    if (matches) allowed = rule.action === 'allow';
  }
  return allowed;
}

function pathOf(value: Expression | undefined, params: Record<string, string>): string | undefined {
  if (value !== undefined && typeof value === 'object' && 'quoted' in value) return value.quoted;
  if (Array.isArray(value) && value[0] === 'param') {
    const name = (value[1] as { quoted: string }).quoted;
    if (!(name in params)) throw new Error(`the profile reads the parameter ${name}, which is not passed`);
    return params[name];
  }
  return undefined;
}
