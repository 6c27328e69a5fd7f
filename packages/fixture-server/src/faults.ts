/**
 * The catalogue of faults the fixture server can produce on purpose. The order is part of the contract:
 * a mix maps one random number onto these names in this order, so a seeded source replays the same run.
 */
export const FAULT_NAMES = [
  'reset-before-headers',
  'reset-mid-body',
  'hang',
  'slow-drip',
  'truncated',
  'malformed',
  'redirect',
  'redirect-loop',
  'endless',
  'slow-headers',
  // Appended, not inserted: earlier names keep their place in a seeded mix.
  'server-error',
  'client-error',
  'huge',
  'corrupt-encoding',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/** Probability of each fault for a request that does not pick one; whatever is left is answered normally. */
export type FaultMix = Readonly<Partial<Record<FaultName, number>>>;

// Decimal ratios only: Number() would also take '0x1', '1e0' or '' (as 0), which in a CLI flag is a typo.
const RATIO = /^(\d+(\.\d*)?|\.\d+)$/;
// Ratios such as 0.1 + 0.2 + 0.7 add up to 1.0000000000000002 in floating point; that is still "sums to 1".
const SUM_SLACK = 1e-9;

export function isFaultName(text: string): text is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(text);
}

function unknownFault(name: string): string {
  return `unknown fault ${JSON.stringify(name)}; known faults: ${FAULT_NAMES.join(', ')}`;
}

/**
 * Parses the CLI form `reset-before-headers:0.1,hang:0.05` (whitespace around parts is ignored; an empty
 * string is an empty mix). Throws an Error naming the bad part rather than guessing what was meant.
 */
export function parseFaultMix(text: string): FaultMix {
  const mix: Partial<Record<FaultName, number>> = {};
  if (text.trim() === '') return mix;
  for (const part of text.split(',')) {
    const entry = part.trim();
    const colon = entry.lastIndexOf(':');
    if (colon < 0) throw new Error(`fault mix entry ${JSON.stringify(entry)} must be NAME:RATIO, e.g. hang:0.05`);
    const name = entry.slice(0, colon).trim();
    const ratioText = entry.slice(colon + 1).trim();
    if (!isFaultName(name)) throw new Error(`fault mix entry ${JSON.stringify(entry)}: ${unknownFault(name)}`);
    if (Object.hasOwn(mix, name)) throw new Error(`fault ${JSON.stringify(name)} appears twice in the fault mix`);
    const ratio = RATIO.test(ratioText) ? Number(ratioText) : Number.NaN;
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new Error(
        `ratio of fault ${JSON.stringify(name)} must be a number in [0, 1], got ${JSON.stringify(ratioText)}`,
      );
    }
    mix[name] = ratio;
  }
  checkFaultMix(mix);
  return mix;
}

/**
 * Throws unless every key is a known fault and every value a probability, together at most 1. Takes a plain
 * record because the server option may come from untyped JSON or a cast.
 */
export function checkFaultMix(mix: Readonly<Record<string, number | undefined>>): void {
  let sum = 0;
  for (const [name, ratio] of Object.entries(mix)) {
    if (!isFaultName(name)) throw new Error(unknownFault(name));
    if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) {
      throw new Error(`ratio of fault ${JSON.stringify(name)} must be a number in [0, 1], got ${String(ratio)}`);
    }
    sum += ratio;
  }
  if (sum > 1 + SUM_SLACK) {
    throw new Error(`fault mix ratios sum to ${Number(sum.toFixed(6))}, more than 1`);
  }
}

/**
 * Picks the fault for one request: one draw from `random` (in [0, 1)) walks the cumulative ratios in
 * FAULT_NAMES order; past the last one the request is answered normally (undefined).
 */
export function drawFault(mix: FaultMix, random: () => number): FaultName | undefined {
  const draw = random();
  let cumulative = 0;
  for (const name of FAULT_NAMES) {
    const ratio = mix[name] ?? 0;
    if (ratio <= 0) continue;
    cumulative += ratio;
    if (draw < cumulative) return name;
  }
  return undefined;
}

/** True when at least one fault has a chance, i.e. requests must spend a draw. */
export function mixIsActive(mix: FaultMix): boolean {
  return FAULT_NAMES.some((name) => (mix[name] ?? 0) > 0);
}
