// Which IP addresses fetch_url may connect to. Only public unicast: loopback, private, link-local
// (the cloud metadata address 169.254.169.254 among them), unique-local, carrier-grade NAT,
// multicast and the reserved ranges are refused, as are IPv6 forms that wrap an IPv4 address
// (mapped ones are unwrapped and judged as IPv4; 6to4, Teredo and NAT64 are refused outright).
import ipaddr from 'ipaddr.js';

/** Why the address is not public (e.g. "loopback"), or undefined when it may be reached. */
export function nonPublicRange(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns ::ffff:127.0.0.1 into 127.0.0.1.
    parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'not an IP address';
  }
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

/** The host of a URL as an IP address when it is written as one (IPv6 without brackets). */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : undefined;
}
