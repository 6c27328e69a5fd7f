import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-helper.js';
import { cleanEnv } from './queue-workers.js';

/** A password that must never be printed, whatever the mistake. */
const SECRET = 's3cret-Pa55';

const RUN: readonly [string[], Record<string, string>, RegExp][] = [
  [['--redis', `redis://:${SECRET}@`], {}, /^fanout: --redis must be a redis:\/\/ or rediss:\/\/ URL with a host/],
  [
    ['--redis', `http://user:${SECRET}@127.0.0.1:6379`],
    {},
    /--redis must be .* \(got http:\/\/\*\*\*@127\.0\.0\.1:6379\)/,
  ],
  [
    ['--redis', `redis://:${SECRET}@redis.example:6379`],
    {},
    /--redis redis:\/\/\*\*\*@redis\.example:6379 is not a loopback host: .* needs --allow-remote/,
  ],
  [
    [],
    { FANOUT_REDIS_URL: `redis://:${SECRET}@10.1.2.3:6379` },
    /FANOUT_REDIS_URL redis:\/\/\*\*\*@10\.1\.2\.3:6379 is not a loopback host: .* needs --allow-remote/,
  ],
  [['--local-workers', '0'], {}, /--local-workers 0 needs --redis URL/],
  [['--local-workers', '-1'], {}, /--local-workers must be at least 0 \(got "-1"\)/],
  [['--local-workers', 'two'], {}, /--local-workers must be a number \(got "two"\)/],
];

describe('fanout run refuses bad queue flags before any work, never printing a password', () => {
  for (const [args, env, message] of RUN) {
    it(`${args.join(' ') || Object.keys(env).join(' ')} → exit 2, one line`, async () => {
      const cwd = tempDir();
      const result = await runCli(['run', '--strategies', 'queue', ...args, '--out', 'out'], cwd, cleanEnv(env));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toContain(SECRET);
      expect(existsSync(join(cwd, 'out'))).toBe(false);
    });
  }
});

describe('fanout worker', () => {
  const BAD: readonly [string[], RegExp][] = [
    [[], /give the run's Redis with --redis URL or FANOUT_REDIS_URL/],
    [['--redis', `redis://:${SECRET}@redis.example:6379`], /is not a loopback host: .* needs --allow-remote/],
    [['--redis', 'redis://127.0.0.1:6379', '--concurrency', '0'], /--concurrency must be at least 1 \(got "0"\)/],
    [['--redis', `redis://:${SECRET}@127.0.0.1:6379`, '--bogus'], /unknown option '--bogus'/],
  ];
  for (const [args, message] of BAD) {
    it(`${args.join(' ') || '(no Redis)'} → exit 2, one line`, async () => {
      const result = await runCli(['worker', ...args], tempDir(), cleanEnv());
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toContain(SECRET);
    });
  }

  it('a Redis it cannot reach: exit 1, why, and the URL redacted', async () => {
    // Port 1 on loopback: nothing listens there.
    const result = await runCli(['worker', '--redis', `redis://:${SECRET}@127.0.0.1:1`], tempDir(), cleanEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^fanout worker: cannot reach Redis at redis:\/\/\*\*\*@127\.0\.0\.1:1: connect ECONNREFUSED/,
    );
    expect(result.stderr).not.toContain(SECRET);
  });
});
