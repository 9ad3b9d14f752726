// A `lookup` for node:net and node:http that resolves like dns.lookup but answers only with
// public addresses. The name is judged in the socket's own lookup, so the address judged is the
// address connected to: a DNS answer that changes between a check and the connect (rebinding)
// cannot slip past. fetch_url and the sandbox's network proxy both connect through it.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { nonPublicRange } from './addressCheck';

/** What the name resolved to that was refused: its first address and that address's range. */
export interface RefusedAddress {
  address: string;
  range: string;
}

/** `refuse` makes the error for a name with no public address (`found` is undefined when it has none at all). */
export function publicOnlyLookup(refuse: (hostname: string, found: RefusedAddress | undefined) => Error): LookupFunction {
  const lookup = (hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const allowed = addresses.filter((entry) => nonPublicRange(entry.address) === undefined);
      if (allowed.length === 0) {
        const first = addresses[0];
        return callback(refuse(hostname, first ? { address: first.address, range: nonPublicRange(first.address)! } : undefined));
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0].address, allowed[0].family);
    });
  };
  return lookup as unknown as LookupFunction;
}
