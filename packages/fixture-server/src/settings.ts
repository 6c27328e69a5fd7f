/** How the server answers when a request does not say otherwise. */
export interface ResponseSettings {
  /** Body size in bytes. */
  readonly sizeBytes: number;
  /** Added delay before the response headers, in ms. */
  readonly latencyMs: number;
  /** Uniform random extra delay in [0, jitterMs), in ms. */
  readonly jitterMs: number;
  readonly status: number;
}

export const DEFAULT_SETTINGS: ResponseSettings = { sizeBytes: 1024, latencyMs: 0, jitterMs: 0, status: 200 };

/** Largest body or delay a query may ask for: bigger values are a typo, not a test. */
export const LIMITS = { sizeBytes: 1024 ** 3, latencyMs: 600_000, jitterMs: 600_000 } as const;

const QUERY_KEYS = { size: 'sizeBytes', latency: 'latencyMs', jitter: 'jitterMs', status: 'status' } as const;

/**
 * Reads per-request overrides from the query (`?size=&latency=&jitter=&status=`).
 * Returns an error message naming the bad parameter instead of guessing.
 */
export function settingsFromQuery(
  query: URLSearchParams,
  defaults: ResponseSettings,
): ResponseSettings | { readonly error: string } {
  const settings: Record<keyof ResponseSettings, number> = { ...defaults };
  for (const [param, key] of Object.entries(QUERY_KEYS)) {
    const raw = query.get(param);
    if (raw === null) continue;
    const value = Number(raw);
    const max = key === 'status' ? 599 : LIMITS[key];
    const min = key === 'status' ? 100 : 0;
    if (!Number.isInteger(value) || value < min || value > max) {
      return { error: `query parameter ${param} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}` };
    }
    settings[key] = value;
  }
  return settings;
}
