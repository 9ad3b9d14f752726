// An encoding's ranks packed for shipping: the number of tokens (4 bytes), each token's length
// in rank order (a byte each), then their bytes in the same order, the whole brotli-compressed
// (lengths and bytes apart pack 4% smaller than each length before its token). As
// gpt-tokenizer's JavaScript tables they weigh 2.7 MB (1.1 MB zipped in the .vsix); packed,
// 0.77 MB. The build packs (esbuild.config.mjs); the token counter unpacks on first need.
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
  const head = Buffer.alloc(4 + ranks.length);
  head.writeUInt32LE(ranks.length, 0);
  const tokens = ranks.map((token, rank) => {
    const bytes = typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token);
    if (bytes.length === 0 || bytes.length > 255) throw new Error(`token ${rank} has ${bytes.length} bytes; 1 to 255 fit`);
    head[4 + rank] = bytes.length;
    return bytes;
  });
  const raw = Buffer.concat([head, ...tokens]);
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
  const count = raw.readUInt32LE(0);
  const ranks: Ranks = new Array(count);
  let at = 4 + count;
  for (let rank = 0; rank < count; rank++) {
    const bytes = raw.subarray(at, at + raw[4 + rank]);
    at += bytes.length;
    ranks[rank] = asText(decoder, bytes) ?? Array.from(bytes);
  }
  if (at !== raw.length) throw new Error(`the packed ranks hold ${raw.length - at} bytes past their ${count} tokens`);
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
