import { Pool } from 'undici';

const PROBE_REQUESTS = 2000;
const PROBE_CONNECTIONS = 32;

/**
 * How many requests per second the target serves at all, with no added
 * latency: a floor for the ideal batch time. A short undici burst, outside
 * every timed region; only ever pointed at the embedded fixture server.
 */
export async function probeCapacity(baseUrl: string, sizeBytes: number): Promise<number | undefined> {
  const pool = new Pool(baseUrl, { connections: PROBE_CONNECTIONS, headersTimeout: 5000, bodyTimeout: 5000 });
  // fault=none: the probe measures the server, not the fault mix under test.
  const path = `/capacity?size=${sizeBytes}&latency=0&fault=none`;
  try {
    const burst = async (requests: number) => {
      let next = 0;
      const lane = async () => {
        while (next++ < requests) {
          const response = await pool.request({ path, method: 'GET' });
          await response.body.dump({ limit: Number.POSITIVE_INFINITY });
        }
      };
      await Promise.all(Array.from({ length: PROBE_CONNECTIONS }, lane));
    };
    // Warm first (connections, JIT), then measure.
    await burst(PROBE_REQUESTS / 4);
    const started = performance.now();
    await burst(PROBE_REQUESTS);
    return (PROBE_REQUESTS * 1000) / (performance.now() - started);
  } catch {
    // No capacity, no capacity floor: the ideal bound falls back to latency alone.
    return undefined;
  } finally {
    await pool.close();
  }
}
