import { BlockList, isIP } from 'node:net';

/** Where every server and helper of fanout listens unless a `--host` flag says otherwise. */
export const LOOPBACK_HOST = '127.0.0.1';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/**
 * True for a listening address only this machine can reach: 127.0.0.0/8, ::1 (and its IPv4-mapped form),
 * `localhost`. A question about where a server listens; where a run may connect is core's reach rule.
 */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && loopback.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The warning a server prints on stderr when told to listen beyond loopback, or undefined on loopback. `what` names
 * the listener (e.g. "fanout serve"), `flag` the flag that asked for it.
 */
export function listenWarning(what: string, host: string, flag = '--host'): string | undefined {
  if (isLoopbackAddress(host)) return undefined;
  const reach = host === '0.0.0.0' || host === '::' ? 'every network this machine is on' : `the network of ${host}`;
  return (
    `${what}: warning: listening on ${host} (${flag}), not on loopback: anyone on ${reach} can reach it and make ` +
    'it send bodies, hang connections or hold its CPU; use it only on a network you trust'
  );
}
