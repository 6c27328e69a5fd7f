import { createHash } from 'node:crypto';

/** sha256 over the whole body, `rounds` times (the mixed workload's CPU part); the last digest in hex. */
export function hashRounds(chunks: readonly Uint8Array[], rounds: number): string {
  let digest = '';
  for (let round = 0; round < rounds; round++) {
    const hash = createHash('sha256');
    for (const chunk of chunks) hash.update(chunk);
    digest = hash.digest('hex');
  }
  return digest;
}
