// Finding JSON values inside model text, where they are followed by more text or not finished yet.

/**
 * The index just past the object or array that starts at `start`, or undefined while it is not
 * closed. Brackets inside strings do not count.
 */
export function jsonValueEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

/**
 * Every top-level value in `text`: one JSON value, or several in a row separated by whitespace,
 * commas or semicolons (Llama 3.2 writes `{...}; {...}`). Undefined when anything else is there.
 */
export function parseJsonValues(text: string): unknown[] | undefined {
  const whole = tryParse(text);
  if (whole.ok) return [whole.value];
  const values: unknown[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && /[\s,;]/.test(text[at])) at++;
    if (at >= text.length) return values.length ? values : undefined;
    if (text[at] !== '{' && text[at] !== '[') return undefined;
    const end = jsonValueEnd(text, at);
    if (end === undefined) return undefined;
    const one = tryParse(text.slice(at, end));
    if (!one.ok) return undefined;
    values.push(one.value);
    at = end;
  }
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
