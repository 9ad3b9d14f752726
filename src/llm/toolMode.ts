// How a model calls tools. `native`: the request carries the tools and the model answers with
// structured calls (a call it writes as text instead is still recognised). `text`: the request
// carries no tools; they are described in the prompt and the calls are read from the reply, for
// servers and models without tool support.

export type ToolMode = 'native' | 'text';

/** Model id -> mode, as the `ouro.toolMode` setting holds it. */
export type ToolModes = Readonly<Record<string, ToolMode>>;

export function isToolMode(value: unknown): value is ToolMode {
  return value === 'native' || value === 'text';
}

/** The valid entries of a setting value (a hand-edited settings.json may hold anything). */
export function readToolModes(raw: unknown): ToolModes {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const modes: Record<string, ToolMode> = {};
  for (const [model, mode] of Object.entries(raw)) if (isToolMode(mode)) modes[model] = mode;
  return modes;
}

/** The mode for `model`: its entry, else native. */
export function toolModeFor(modes: ToolModes, model: string): ToolMode {
  return Object.hasOwn(modes, model) ? modes[model] : 'native';
}
