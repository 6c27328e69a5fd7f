import { createHash } from 'node:crypto';

/**
 * The mixed workload's CPU part: a chain of `rounds` sha256 hashes over the whole body, each round fed the previous
 * round's digest first, so every round depends on the one before and a strategy that skips one returns another
 * digest:
 *
 *   d₁ = sha256(body),  dᵣ = sha256(dᵣ₋₁ ‖ body)  (dᵣ₋₁ as its 32 raw bytes),  value = hex(d_rounds)
 *
 * The harness checks the value against a chain it computes itself from a body it fetched itself
 * (apps/bench/src/run/reference.ts), not with this function.
 */
export function hashRounds(chunks: readonly Uint8Array[], rounds: number): string {
  let digest: Buffer | undefined;
  for (let round = 0; round < rounds; round++) {
    const hash = createHash('sha256');
    if (digest) hash.update(digest);
    for (const chunk of chunks) hash.update(chunk);
    digest = hash.digest();
  }
  return digest ? digest.toString('hex') : '';
}
