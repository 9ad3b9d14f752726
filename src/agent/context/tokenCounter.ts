// Token counts with gpt-tokenizer, in the encoding of the model's family (o200k for today's
// OpenAI models and for every other family, whose tokenizers it approximates; cl100k for
// gpt-4 and gpt-3.5). An encoding is loaded on first need, once.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseModelName } from './modelTable';
import { packedEncoding, type Encoding } from './tokenizerData';

export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface TokenCounter {
  count(text: string): number;
}

export function encodingFor(model: string): EncodingName {
  const name = normaliseModelName(model);
  return /^(gpt-4(?!o|\.)|gpt-3\.5|text-embedding)/.test(name) ? 'cl100k_base' : 'o200k_base';
}

// Text that merely contains "<|endoftext|>" (a file about tokenizers) is counted as text,
// not refused: the library throws on special tokens unless told otherwise.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

const loading = new Map<EncodingName, Promise<TokenCounter>>();

export function loadTokenCounter(model: string): Promise<TokenCounter> {
  const encoding = encodingFor(model);
  let counter = loading.get(encoding);
  if (!counter) {
    counter = importEncoding(encoding).then((api) => ({ count: (text: string) => (text ? api.countTokens(text, AS_TEXT) : 0) }));
    loading.set(encoding, counter);
  }
  return counter;
}

// An encoding is megabytes of tables. The build packs each into a file of its own beside the
// bundle (esbuild.config.mjs), read here on first need, so no start pays for it; run from
// source, the package's CommonJS entry serves (its exports map has no ESM one). The .vsix ships
// o200k only: there, gpt-4 and gpt-3.5 are counted with o200k, as every other family is.
async function importEncoding(encoding: EncodingName): Promise<Encoding> {
  const besideBundle = join(__dirname, `tokenizer-${encoding}.br`);
  if (existsSync(besideBundle)) {
    return packedEncoding(encoding, readFileSync(besideBundle));
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`gpt-tokenizer/cjs/encoding/${encoding}`) as Encoding;
  } catch (err) {
    if (encoding === 'o200k_base') throw err;
    return importEncoding('o200k_base');
  }
}

/** Counts UTF-8 bytes: never fewer than a byte-level tokenizer's tokens, and instant. */
export const byteCounter: TokenCounter = { count: (text) => Buffer.byteLength(text, 'utf8') };
