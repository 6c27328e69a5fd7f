/**
 * Network-level failures, made for real inside a network namespace the suite creates (`unshare -n`): nothing there
 * reaches any other machine. Imported by the namespace's child process too, so no vitest here.
 */

/** `ip` commands that build the namespace's network: loopback up, and one route of each kind that fails a connect. */
export const NAMESPACE_SETUP: readonly (readonly string[])[] = [
  ['link', 'set', 'lo', 'up'],
  ['route', 'add', 'unreachable', '10.1.0.0/16'],
  ['route', 'add', 'prohibit', '10.2.0.0/16'],
  ['route', 'add', 'blackhole', '10.3.0.0/16'],
];

/** IPv6 off on the namespace's loopback, so `[::1]` has no local address to connect from. */
export const IPV6_OFF = '/proc/sys/net/ipv6/conf/lo/disable_ipv6';

export interface NetworkCase {
  readonly label: string;
  readonly url: string;
  readonly expected: string;
}

// Port 80 where a port matters: WHATWG fetch refuses "bad ports" such as 9 before connecting.
export const NETWORK_CASES: readonly NetworkCase[] = [
  { label: 'no route to the network (ENETUNREACH)', url: 'http://10.9.9.9/', expected: 'NETWORK_UNREACHABLE' },
  { label: 'an unreachable route (EHOSTUNREACH)', url: 'http://10.1.0.1/', expected: 'HOST_UNREACHABLE' },
  { label: 'a prohibit route (EACCES)', url: 'http://10.2.0.1/', expected: 'CONNECTION_BLOCKED' },
  { label: 'a blackhole route (EINVAL)', url: 'http://10.3.0.1/', expected: 'NETWORK_UNREACHABLE' },
  { label: 'no local address for [::1] (EADDRNOTAVAIL)', url: 'http://[::1]:80/', expected: 'ADDRESS_UNAVAILABLE' },
];

/** What the child reports: each job's code (or bytes) and message, or why it could not run the cases. */
export type NamespaceReport =
  | { readonly outcomes: readonly { readonly outcome: string | number; readonly message: string }[] }
  | { readonly skipped: string };
