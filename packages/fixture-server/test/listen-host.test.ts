import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, listenWarning } from '../src/index.js';

describe('loopback-only listening', () => {
  it('knows loopback addresses from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '::ffff:10.0.0.1', 'example.com', '128.0.0.1']) {
      expect(isLoopbackAddress(host), host).toBe(false);
    }
  });

  it('warns off loopback only, naming the address, the flag and why it matters', () => {
    expect(listenWarning('fanout serve', '127.0.0.1')).toBeUndefined();
    expect(listenWarning('fanout serve', '0.0.0.0')).toBe(
      'fanout serve: warning: listening on 0.0.0.0 (--host), not on loopback: anyone on every network this machine ' +
        'is on can reach it and make it send bodies, hang connections or hold its CPU; use it only on a network you trust',
    );
    expect(listenWarning('fanout-relay', '10.1.2.3')).toContain('anyone on the network of 10.1.2.3');
  });
});
