import { createHash } from 'node:crypto';
import { mapBounded, type WorkloadSettings } from '@fanout/core';
import { type FaultMix, LIMITS } from '@fanout/fixture-server';
import type { PageCheck } from '../model/schema.js';
import { fetchReference, type ReferenceBody, type ReferenceLimits } from './reference-fetch.js';

export interface ReferenceInput extends ReferenceLimits {
  /** The run's distinct job URLs. */
  readonly urls: readonly string[];
  readonly workload: WorkloadSettings;
  /** The embedded fixture server: each page's size is in its URL's query (`size=`), and `fault=none` is honoured. */
  readonly embedded: boolean;
  readonly faultMix?: FaultMix | undefined;
  /** URLs fetched at once (a remote target's --max-per-host). */
  readonly concurrency: number;
}

/**
 * What every successful job of each URL must return, found by the harness on its own before any point runs: the
 * page's size (the embedded server's query says it; for --url, two fetches that agree) and, for the mixed workload,
 * the hash chain over a body the harness fetched twice with node:http and hashed with its own code (`hashChain`).
 * A URL whose answer differs between the two fetches, or cannot be fetched, is listed with why it is not checked:
 * never a guess. Nothing for the cpu workload (its sums are checked against the closed form).
 */
export async function referencePages(input: ReferenceInput, signal: AbortSignal): Promise<PageCheck[]> {
  const { workload } = input.workload;
  if (workload === 'cpu') return [];
  // A `huge` fault answers 200 with 1 GiB: within --max-body that is a success of another size than the page's.
  if (input.embedded && (input.faultMix?.huge ?? 0) > 0 && input.maxBodyBytes >= LIMITS.sizeBytes) {
    const unchecked = `the fault mix's huge answers (${LIMITS.sizeBytes} bytes) succeed within --max-body, so a job's size is not the page's`;
    return input.urls.map((url) => ({ url, unchecked }));
  }
  return mapBounded(input.urls, input.concurrency, async (url) => {
    const size = input.embedded ? sizeInQuery(url) : undefined;
    if (workload === 'download' && size !== undefined) return { url, bytes: size };
    const target = input.embedded ? withoutFaults(url) : url;
    const first = await fetchReference(target, input, signal);
    const second = first.ok ? await fetchReference(target, input, signal) : first;
    return compare(url, first, second, workload === 'mixed' ? input.workload.hashRounds : undefined, size);
  });
}

/** The page's check from two answers to the same URL: what they agree on is checked, the rest is said. */
function compare(
  url: string,
  first: ReferenceBody,
  second: ReferenceBody,
  rounds: number | undefined,
  size: number | undefined,
): PageCheck {
  if (!first.ok) return { url, unchecked: `the harness could not fetch it: ${first.why}` };
  if (!second.ok) return { url, unchecked: `the harness could not fetch it a second time: ${second.why}` };
  if (first.status < 200 || first.status > 299) {
    return { url, unchecked: `it answers HTTP ${first.status}, so its jobs fail and there is no body to check` };
  }
  if (second.status !== first.status) {
    return { url, unchecked: `its status changed between two fetches (${first.status}, then ${second.status})` };
  }
  const bytes = first.body.length;
  if (second.body.length !== bytes) {
    return { url, unchecked: `its body changed between two fetches (${bytes}, then ${second.body.length} bytes)` };
  }
  if (size !== undefined && bytes !== size) {
    return { url, unchecked: `the server sent ${bytes} bytes for a page of ${size}` };
  }
  if (rounds === undefined) return { url, bytes };
  if (!first.body.equals(second.body)) {
    return { url, bytes, unchecked: 'its body changed between two fetches (same size), so its digest cannot be known' };
  }
  return { url, bytes, digest: hashChain(first.body, rounds) };
}

/**
 * The mixed workload's hash chain, written here apart from core's `hashRounds` on purpose (a fault there must not
 * hide itself): d₁ = sha256(body), dᵣ = sha256(dᵣ₋₁ ‖ body) with dᵣ₋₁ as raw bytes; hex of the last.
 */
export function hashChain(body: Buffer, rounds: number): string {
  let digest = createHash('sha256').update(body).digest();
  for (let round = 2; round <= rounds; round++) {
    digest = createHash('sha256')
      .update(Buffer.concat([digest, body]))
      .digest();
  }
  return digest.toString('hex');
}

/** The embedded server's page size, from the URL it was given (`?size=`); undefined when absent. */
function sizeInQuery(url: string): number | undefined {
  const raw = new URL(url).searchParams.get('size');
  const size = raw === null ? Number.NaN : Number(raw);
  return Number.isSafeInteger(size) && size >= 0 ? size : undefined;
}

/** The same page without the run's fault mix (the server's `fault=none`): the reference is the page itself. */
function withoutFaults(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('fault', 'none');
  return parsed.href;
}

/** Lines for stderr: every URL whose jobs cannot be fully checked, and why (the report keeps them too). */
export function describeUnchecked(pages: readonly PageCheck[]): string[] {
  return pages.flatMap((page) => (page.unchecked ? [`not checked: ${page.url}: ${page.unchecked}`] : []));
}
