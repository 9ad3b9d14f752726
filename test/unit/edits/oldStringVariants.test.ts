import { strict as assert } from 'node:assert';
import { decodeEntities, hasEntities } from '../../../src/agent/edits/normalise';
import { editVariants, stripLineNumbers } from '../../../src/agent/edits/oldStringVariants';

describe('edit variants', () => {
  it('strips a numbered-listing gutter in its common shapes', () => {
    assert.equal(stripLineNumbers('12 | a\n13 |   b\n', true), 'a\n  b\n');
    assert.equal(stripLineNumbers('     7\tx\n     8\ty', true), 'x\ny');
    assert.equal(stripLineNumbers('3\u2192p', true), 'p');
    assert.equal(stripLineNumbers('4 |\n5 | z', true), '\nz');
  });

  it('keeps text whose numbers skip, or where a line has no gutter', () => {
    assert.equal(stripLineNumbers('1 | a\n3 | b', true), undefined);
    assert.equal(stripLineNumbers('1 | a\nb', true), undefined);
    assert.equal(stripLineNumbers('1 | a\n3 | b', false), 'a\nb');
  });

  it('decodes the entities an XML-escaping client produces, and leaves unknown ones', () => {
    assert.equal(decodeEntities('a &lt;b&gt; &amp;&amp; &quot;c&quot; &#39;d&#x27; &copy;'), 'a <b> && "c" \'d\' &copy;');
    assert.ok(hasEntities('x &lt; y'));
    assert.ok(!hasEntities('AT&T; &copy;'));
  });

  it('offers an unnumbered variant and a decoded variant only when they apply', () => {
    assert.deepEqual(editVariants('1 | a &amp; b', 'a &amp; c'), [
      { kind: 'lineNumbers', oldString: 'a &amp; b', newString: 'a &amp; c' },
      { kind: 'entities', oldString: '1 | a & b', newString: 'a & c' },
    ]);
    assert.deepEqual(editVariants('plain', 'text'), []);
  });
});
