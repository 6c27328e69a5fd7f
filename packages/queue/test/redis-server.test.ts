import { once } from 'node:events';
import { connect } from 'node:net';
import { parseStrategyOptions } from '@fanout/core';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { REDIS_SERVER_HINT, redisServerMissing, startRedisServer } from '../src/redis-server.js';
import { parseQueueSettings } from '../src/settings.js';
import { createQueueStrategy } from '../src/strategy.js';
import { commandLine } from './processes.js';
import { noRedis } from './redis.js';

/** One inline command on a fresh socket, without logging in: the first line of the answer. */
async function rawCommand(port: number, command: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(`${command}\r\n`);
  const [data] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return data.toString().split('\r\n')[0] ?? '';
}

describe('embedded redis-server', () => {
  it('names the package to install when there is none', async () => {
    expect(redisServerMissing({ PATH: '/nonexistent' })).toBe(REDIS_SERVER_HINT);
    expect(REDIS_SERVER_HINT).toMatch(/apt-get install redis-server/);
    await expect(startRedisServer({ PATH: '/nonexistent' })).rejects.toThrow(/apt-get install redis-server/);
  });

  it.skipIf(noRedis !== undefined)(
    'runs on loopback with a password made for the run (not in its command line), persistence off, and stops',
    async () => {
      const server = await startRedisServer();
      const url = new URL(server.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.password.length).toBeGreaterThanOrEqual(20);
      expect(commandLine(server.pid)).not.toContain(url.password);
      const client = new Redis(server.url);
      try {
        expect(await client.ping()).toBe('PONG');
        expect(await client.config('GET', 'save')).toEqual(['save', '']);
        expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
        expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
        expect(await rawCommand(server.port, 'PING')).toMatch(/^-NOAUTH/);
      } finally {
        client.disconnect();
        await server.stop();
        await server.stop();
      }
      expect(() => process.kill(server.pid, 0)).toThrow();
    },
  );

  it.skipIf(noRedis !== undefined)(
    'never shows the password in an error: a wrong one, and nothing listening',
    async () => {
      const server = await startRedisServer();
      try {
        const wrong = `redis://:not-the-Secret-42@127.0.0.1:${server.port}`;
        const refused = `redis://user:also-a-Secret-43@127.0.0.1:1`;
        for (const redisUrl of [wrong, refused]) {
          const error = await createQueueStrategy(
            parseStrategyOptions({ concurrency: 1 }),
            parseQueueSettings({ redisUrl }),
          ).then(
            () => undefined,
            (rejection: unknown) => rejection as Error,
          );
          expect(error).toMatchObject({ code: 'STARTUP_FAILED' });
          expect(error?.message).toMatch(/cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1/);
          expect(`${error?.message} ${error?.stack}`).not.toMatch(/Secret-4[23]|also-a|user:/);
        }
      } finally {
        await server.stop();
      }
    },
  );
});
