import { FAULT_NAMES, type FaultName, isFaultName } from './faults.js';

/** What a request's query says about faults. */
export interface FaultRequest {
  /** The fault asked for; `none` opts out of the server's mix; undefined leaves the choice to the mix. */
  readonly fault: FaultName | 'none' | undefined;
  /** `redirect`: redirects still to go before the normal answer. */
  readonly hops: number;
  /** `slow-drip` and `slow-headers`: ms between two bytes (drip) or two header lines. */
  readonly dripMs: number;
}

export const FAULT_DEFAULTS = { hops: 3, dripMs: 50 } as const;

/** Bounds of the fault parameters; outside them a value is a typo, not a test. Drip 0 would be a busy loop. */
export const FAULT_LIMITS = { hops: { min: 0, max: 100 }, dripMs: { min: 1, max: 60_000 } } as const;

const NUMERIC_PARAMS = { hops: 'hops', drip: 'dripMs' } as const;

/**
 * Reads `?fault=NAME&hops=N&drip=MS`. Parameters are checked whenever present, even for a fault that
 * ignores them, so a typo is reported instead of silently doing nothing. Returns an error naming the parameter.
 */
export function faultFromQuery(query: URLSearchParams): FaultRequest | { readonly error: string } {
  const raw = query.get('fault');
  let fault: FaultRequest['fault'];
  if (raw !== null) {
    if (raw !== 'none' && !isFaultName(raw)) {
      const known = ['none', ...FAULT_NAMES].join(', ');
      return { error: `query parameter fault must be one of ${known}, got ${JSON.stringify(raw)}` };
    }
    fault = raw;
  }
  const numbers: Record<keyof typeof FAULT_DEFAULTS, number> = { ...FAULT_DEFAULTS };
  for (const [param, key] of Object.entries(NUMERIC_PARAMS)) {
    const text = query.get(param);
    if (text === null) continue;
    const value = Number(text);
    const { min, max } = FAULT_LIMITS[key];
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      return { error: `query parameter ${param} must be an integer in [${min}, ${max}], got ${JSON.stringify(text)}` };
    }
    numbers[key] = value;
  }
  return { fault, ...numbers };
}
