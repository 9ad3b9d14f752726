// An encoding's ranks packed for shipping: each token's bytes in rank order, each after one
// byte that gives its length, the whole brotli-compressed. As gpt-tokenizer's JavaScript
// tables they weigh 2.7 MB (1.1 MB zipped in the .vsix); packed, 0.8 MB. The build packs
// (esbuild.config.mjs); the token counter unpacks on first need.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** What the token counter uses of an encoding. */
export interface Encoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

/** gpt-tokenizer's form: a token that is valid UTF-8 is a string, any other its bytes. */
export type Ranks = Array<string | number[]>;

/** Quality 11 (the build's) packs smallest and takes seconds; tests pack faster. */
export function packRanks(ranks: Ranks, quality = 11): Buffer {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  ranks.forEach((token, rank) => {
    const bytes = typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token);
    if (bytes.length === 0 || bytes.length > 255) throw new Error(`token ${rank} has ${bytes.length} bytes; 1 to 255 fit`);
    parts.push(Uint8Array.of(bytes.length), bytes);
  });
  const raw = Buffer.concat(parts);
  return brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
}

/** The encoding `name` (whose special tokens and split pattern the library knows) over packed ranks. */
export function packedEncoding(name: 'o200k_base' | 'cl100k_base', packed: Uint8Array): Encoding {
  // Required here, not imported: the library's code is only evaluated when a table is loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GptEncoding } = require('gpt-tokenizer/cjs/GptEncoding') as typeof import('gpt-tokenizer/cjs/GptEncoding');
  const ranks = unpackRanks(packed);
  return GptEncoding.getEncodingApi(name, () => ranks);
}

export function unpackRanks(packed: Uint8Array): Ranks {
  const raw = brotliDecompressSync(packed);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const ranks: Ranks = [];
  for (let at = 0; at < raw.length; ) {
    const length = raw[at];
    const bytes = raw.subarray(at + 1, at + 1 + length);
    at += 1 + length;
    ranks.push(asText(decoder, bytes) ?? Array.from(bytes));
  }
  return ranks;
}

/** The token as a string when the library keeps it as one: valid UTF-8 not starting with a byte order mark. */
function asText(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  if (bytes.every((byte) => byte < 0x80)) return String.fromCharCode(...bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
