// Which hosts a sandboxed command may reach through the proxy: the setting's entries as rules,
// and the host a request names judged against them.
import * as assert from 'node:assert/strict';
import { canonicalHost, hostAllowed, parseHostRule, type HostRule } from '../../../src/agent/commands/sandbox/hostAllowList';
import { networkAllowed } from '../../../src/agent/commands/sandbox/networkAccess';
import { connectTarget, forwardTarget } from '../../../src/agent/commands/sandbox/proxyTarget';

function rules(...entries: string[]): HostRule[] {
  return entries.map((entry) => {
    const parsed = parseHostRule(entry);
    assert.ok('rule' in parsed, `${entry}: ${'error' in parsed ? parsed.error : ''}`);
    return parsed.rule;
  });
}

/** Whether a CONNECT to `authority` gets through these entries. */
function reaches(authority: string, entries: string[]): boolean {
  const target = connectTarget(authority);
  return target !== undefined && hostAllowed(target, target.port, rules(...entries));
}

describe('the hosts the sandbox network allows', () => {
  it('lets through a listed host on any port, and no other host', () => {
    assert.equal(reaches('registry.npmjs.org:443', ['registry.npmjs.org']), true);
    assert.equal(reaches('registry.npmjs.org:80', ['registry.npmjs.org']), true);
    assert.equal(reaches('npmjs.org:443', ['registry.npmjs.org']), false);
    assert.equal(reaches('evil-registry.npmjs.org.attacker.com:443', ['registry.npmjs.org']), false);
    assert.equal(reaches('xregistry.npmjs.org:443', ['registry.npmjs.org']), false);
  });

  it('lets a wildcard cover subdomains at any depth, but not the domain itself', () => {
    assert.equal(reaches('api.github.com:443', ['*.github.com']), true);
    assert.equal(reaches('a.b.github.com:443', ['*.github.com']), true);
    assert.equal(reaches('github.com:443', ['*.github.com']), false);
    assert.equal(reaches('evilgithub.com:443', ['*.github.com']), false);
    assert.equal(reaches('github.com:443', ['*.github.com', 'github.com']), true);
  });

  it('holds a host to the port its entry names', () => {
    assert.equal(reaches('example.com:8443', ['example.com:8443']), true);
    assert.equal(reaches('example.com:443', ['example.com:8443']), false);
    assert.equal(reaches('api.example.com:443', ['*.example.com:443']), true);
    assert.equal(reaches('api.example.com:22', ['*.example.com:443']), false);
  });

  it('matches without regard to case, and a trailing dot names the same host', () => {
    assert.equal(reaches('Registry.NPMJS.org:443', ['registry.npmjs.org']), true);
    assert.equal(reaches('registry.npmjs.org:443', ['REGISTRY.npmjs.ORG']), true);
    assert.equal(reaches('registry.npmjs.org.:443', ['registry.npmjs.org']), true);
    assert.equal(reaches('api.github.com.:443', ['*.GitHub.com.']), true);
  });

  it('reaches an IP address only when the list names that address', () => {
    assert.equal(reaches('10.0.0.5:80', ['10.0.0.5']), true);
    assert.equal(reaches('10.0.0.6:80', ['10.0.0.5']), false);
    assert.equal(reaches('127.0.0.1:3000', ['127.0.0.1:3000']), true);
    assert.equal(reaches('127.0.0.1:3001', ['127.0.0.1:3000']), false);
    assert.equal(reaches('[::1]:8080', ['::1']), true);
    assert.equal(reaches('[0:0:0:0:0:0:0:1]:8080', ['[::1]:8080']), true, 'the same IPv6 address written out');
    assert.equal(reaches('[::ffff:127.0.0.1]:80', ['127.0.0.1']), false, 'a mapped address is another literal');
    assert.equal(reaches('127.0.0.1:80', ['localhost']), false, 'a name never covers an address');
    assert.ok('error' in parseHostRule('*.0.1'), 'a wildcard over the numbers of an address is no rule');
  });

  it('refuses an address written in a spelling the resolver would read as another', () => {
    for (const odd of ['127.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1', '017.0.0.1', '127.0.0.01', '1.2.3.0x4']) {
      assert.equal(canonicalHost(odd), undefined, odd);
      assert.equal(connectTarget(`${odd}:80`), undefined, odd);
    }
  });

  it('refuses hosts with odd characters', () => {
    for (const odd of ['exa mple.com', 'user@example.com', 'example.com/x', 'a..b.com', '.example.com', 'ex%41mple.com', 'exämple.com', 'example.com\r\nx', '', 'fe80::1%eth0', '[::1', 'a'.repeat(64) + '.com']) {
      assert.equal(canonicalHost(odd), undefined, JSON.stringify(odd));
    }
    assert.equal(connectTarget('user@example.com:443'), undefined);
    assert.equal(connectTarget('example.com'), undefined, 'CONNECT needs a port');
    assert.equal(connectTarget('example.com:0'), undefined);
    assert.equal(connectTarget('example.com:65536'), undefined);
    assert.equal(connectTarget('example.com:+443'), undefined);
    assert.deepEqual(canonicalHost('xn--bcher-kva.example'), { kind: 'name', host: 'xn--bcher-kva.example' }, 'an international name in its ASCII form');
  });

  it('reads the target of a plain request as written, not as a URL parser would mend it', () => {
    assert.deepEqual(forwardTarget('http://Example.com/a?b=1'), { target: { kind: 'name', host: 'example.com', port: 80 }, path: '/a?b=1' });
    assert.deepEqual(forwardTarget('http://example.com:8080'), { target: { kind: 'name', host: 'example.com', port: 8080 }, path: '/' });
    assert.deepEqual(forwardTarget('http://[::1]:3000/x'), { target: { kind: 'address', host: '::1', port: 3000 }, path: '/x' });
    assert.equal(forwardTarget('http://127.1/'), undefined);
    assert.equal(forwardTarget('http://user:pass@example.com/'), undefined);
    assert.equal(forwardTarget('https://example.com/'), undefined);
    assert.equal(forwardTarget('/just/a/path'), undefined);
  });

  it('turns the setting into the network commands get, reporting entries it cannot use', () => {
    assert.deepEqual(networkAllowed([], 'linux'), { access: { kind: 'none' }, problems: [] });
    assert.deepEqual(networkAllowed(['example.com', ' * '], 'linux').access, { kind: 'all' });
    const some = networkAllowed(['example.com', '*.github.com:443', 'https://npmjs.org/', 'foo*.com', 'x.com:http'], 'linux');
    assert.deepEqual(some.access, { kind: 'hosts', rules: rules('example.com', '*.github.com:443') });
    assert.equal(some.problems.length, 3);
    assert.match(some.problems[0], /"https:\/\/npmjs\.org\/" is ignored: write the host alone/);
    assert.match(some.problems[1], /"foo\*\.com" is ignored: a wildcard may only start it/);
    assert.match(some.problems[2], /"x\.com:http" is ignored: its port/);
    assert.deepEqual(networkAllowed(['not a host'], 'linux').access, { kind: 'none' }, 'nothing usable is no network');
  });

  it('says on macOS that hosts give no network there, and that * is the whole network', () => {
    const hosts = networkAllowed(['example.com', ' *.github.com ', 'foo*.com'], 'darwin');
    assert.equal(hosts.problems.length, 2);
    assert.match(hosts.problems[0], /"foo\*\.com" is ignored/);
    assert.match(hosts.problems[1], /^On macOS the sandbox cannot allow single hosts yet \(example\.com, \*\.github\.com\): commands get no network\. Allow "\*"/);
    assert.deepEqual(networkAllowed(['example.com', '*'], 'darwin'), { access: { kind: 'all' }, problems: [] });
    assert.deepEqual(networkAllowed([], 'darwin'), { access: { kind: 'none' }, problems: [] });
    assert.deepEqual(networkAllowed(['example.com'], 'linux').problems, [], 'on Linux the proxy lets them through');
  });
});
