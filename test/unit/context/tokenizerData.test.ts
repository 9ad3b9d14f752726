// The packed tokenizer tables the build ships: they unpack to exactly gpt-tokenizer's own, and
// a counter read from a packed file beside the bundle counts as the package does.
import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { loadTokenCounter } from '../../../src/agent/context/tokenCounter';
import { packRanks, packedEncoding, unpackRanks, type Ranks } from '../../../src/agent/context/tokenizerData';

describe('packed tokenizer tables', function () {
  this.timeout(60_000);

  for (const encoding of ['o200k_base', 'cl100k_base']) {
    it(`${encoding} unpacks to the library's table, strings and byte tokens alike`, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ranks = (require(`gpt-tokenizer/cjs/bpeRanks/${encoding}`) as { default: Ranks }).default;
      const unpacked = unpackRanks(packRanks(ranks, 4));
      assert.equal(unpacked.length, ranks.length);
      const differ = ranks.findIndex((token, rank) => !isDeepStrictEqual(token, unpacked[rank]));
      assert.equal(differ, -1, `rank ${differ}: ${JSON.stringify(ranks[differ])} became ${JSON.stringify(unpacked[differ])}`);
    });
  }

  it('counts over a packed table as the library does', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = (require('gpt-tokenizer/cjs/bpeRanks/o200k_base') as { default: Ranks }).default;
    const packed = packedEncoding('o200k_base', packRanks(ranks, 4));
    const library = await loadTokenCounter('gpt-4o');
    const asText = { disallowedSpecial: new Set<string>() };
    for (const text of ['hello world', 'Ünïcödé ✓ 🎉 and code: const x = () => {};', '\ufeffusing System;', 'a file about <|endoftext|> tokens']) {
      assert.equal(packed.countTokens(text, asText), library.count(text), text);
    }
  });

  it('keeps a token that starts with a byte order mark as bytes, as the library does', () => {
    const ranks: Ranks = ['a', 'ü', [0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0x2f, 0x2f], [0xff]];
    assert.deepEqual(unpackRanks(packRanks(ranks, 4)), ranks);
  });

  it('refuses packed ranks with bytes past their tokens', () => {
    const longer = Buffer.concat([brotliDecompressSync(packRanks(['a', 'b'], 4)), Buffer.from('c')]);
    assert.throws(() => unpackRanks(brotliCompressSync(longer)), /1 bytes past their 2 tokens/);
  });

  it('refuses a token it cannot pack', () => {
    assert.throws(() => packRanks(['x'.repeat(256)], 4), /256 bytes/);
  });
});
