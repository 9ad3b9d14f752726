import * as assert from 'node:assert/strict';
import { nonPublicRange } from '../../../src/agent/web/addressCheck';
import { hostMatches } from '../../../src/agent/web/webPolicy';

describe('web policy', () => {
  it('lets only public unicast addresses through', () => {
    const cases: Array<[string, string | undefined]> = [
      ['93.184.215.14', undefined],
      ['2606:4700::6810:85e5', undefined],
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:a00:1', 'private'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.1.1', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['fe80::1', 'linkLocal'],
      ['fd00:ec2::254', 'uniqueLocal'],
      ['100.100.100.200', 'carrierGradeNat'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['64:ff9b::a00:1', 'rfc6052'],
      ['2002:7f00:1::', '6to4'],
    ];
    for (const [address, range] of cases) assert.equal(nonPublicRange(address), range, address);
  });

  it('matches a domain and its subdomains, nothing that merely ends the same', () => {
    const list = ['python.org', '*.example.com', 'https://docs.rs/', 'Localhost.', '10.0.0.5'];
    for (const host of ['python.org', 'docs.python.org', 'a.example.com', 'example.com', 'docs.rs', 'localhost', '10.0.0.5', 'DOCS.PYTHON.ORG']) {
      assert.equal(hostMatches(host, list), true, host);
    }
    for (const host of ['evilpython.org', 'python.org.evil.net', 'rs', 'notlocalhost', '110.0.0.5', '1.10.0.0.5']) {
      assert.equal(hostMatches(host, list), false, host);
    }
    assert.equal(hostMatches('10.0.0.5', ['0.0.5']), false, 'an address matches only itself');
    assert.equal(hostMatches('anything.net', ['*']), true);
    assert.equal(hostMatches('anything.net', []), false);
  });
});
