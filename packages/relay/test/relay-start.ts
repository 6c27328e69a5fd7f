import { type FixtureServer, type FixtureServerOptions, startFixtureServer } from '@fanout/fixture-server';
import { afterEach } from 'vitest';
import { type Relay, type RelayOptions, startRelay } from '../src/index.js';

/** Servers and relays for one test, closed after it even when it fails. */
export function perTest() {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return {
    async server(options: FixtureServerOptions = {}): Promise<FixtureServer> {
      const server = await startFixtureServer(options);
      closers.push(() => server.close());
      return server;
    },
    async relay(options: RelayOptions): Promise<Relay> {
      const relay = await startRelay(options);
      closers.push(() => relay.close());
      return relay;
    },
    later(close: () => Promise<void>): void {
      closers.push(close);
    },
  };
}
