/** Human units with sensible precision: `1.71 s`, `231 ms`, `23.4k`, `48.2 MiB`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  // Thresholds sit just below the round numbers so 99.96 reads "100 ms", not "100.0 ms".
  if (ms >= 999.5) return `${(ms / 1000).toFixed(ms >= 99_950 ? 0 : 2)} s`;
  if (ms >= 99.95) return `${ms.toFixed(0)} ms`;
  if (ms >= 9.995) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (value >= 100) return value.toFixed(0);
  return value.toFixed(1);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)}%` : '–';
}

/** A margin of error, "±1.2%", or "n/a" when unknown (fewer than two batches). */
export function formatRme(rme: number | null): string {
  return rme === null ? 'n/a' : `±${rme.toFixed(1)}%`;
}

/** An efficiency fraction as a percentage, "–" without its bound. */
export function formatEfficiency(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? '–' : `${(fraction * 100).toFixed(1)}%`;
}

/** CPU per request, from µs: `20.6 µs`, `850 µs`, `27.1 ms` (a cpu job); "–" when not measured. */
export function formatCpuPerRequest(us: number | undefined): string {
  if (us === undefined || !Number.isFinite(us)) return '–';
  if (us >= 999.5) return formatMs(us / 1000);
  return us >= 99.95 ? `${us.toFixed(0)} µs` : `${us.toFixed(1)} µs`;
}

/** A ratio of two figures: `0.97×`. */
export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–';
}
