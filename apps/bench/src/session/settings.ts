import type { RunConfig } from '../config.js';
import type { Report } from '../model/schema.js';
import { meanLatencyMs, meanSizeBytes } from '../profiles.js';
import { POINT_NODE_FLAGS } from '../run/point-flags.js';
import type { LoadedStrategy } from '../strategies/load.js';

/** The report's `settings`: what was asked for, as validated, and the version of every strategy that ran. */
export function reportSettings(config: RunConfig, strategies: readonly LoadedStrategy[]): Report['settings'] {
  const { workload } = config;
  return {
    profile: config.profile,
    strategies: strategies.map((strategy) => strategy.manifest.name),
    concurrency: [...config.concurrency],
    jobs: config.jobs,
    // Added latency per request we know of: the embedded server's pages; unknown (0) for external URLs.
    latencyMs: config.urls ? 0 : meanLatencyMs(config.pages),
    sizeBytes: meanSizeBytes(config.pages),
    pages: config.urls ? [] : [...config.pages],
    batches: config.batches,
    timeMs: config.timeMs,
    timeoutMs: config.timeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    retries: config.retries,
    ...(config.faults ? { faults: config.faults } : {}),
    workload: workload.workload,
    ...(workload.workload === 'cpu' ? { cpuBase: workload.cpuBase } : {}),
    ...(workload.workload === 'mixed' ? { hashRounds: workload.hashRounds } : {}),
    ...(config.peers.length > 0 ? { peers: [...config.peers] } : {}),
    ...(config.repeat > 1 ? { repeat: config.repeat } : {}),
    ...(config.calibrate ? {} : { calibration: 'off' as const }),
    ...protocolSettings(config),
    strategyVersions: Object.fromEntries(strategies.map(({ manifest }) => [manifest.name, manifest.version])),
    pointNodeFlags: [...POINT_NODE_FLAGS],
  };
}

/** The protocol and network of the run, only what differs from plaintext HTTP/1.1 on loopback. */
function protocolSettings({ protocol, network }: RunConfig) {
  return {
    ...(protocol.tls ? { tls: true } : {}),
    ...(protocol.http2 ? { http2: true } : {}),
    ...(protocol.compress ? { compress: protocol.compress } : {}),
    ...(protocol.caFile ? { caFile: protocol.caFile } : {}),
    ...(network ? { rttMs: network.rttMs } : {}),
    ...(network?.bandwidthMbit !== undefined ? { bandwidthMbit: network.bandwidthMbit } : {}),
  };
}
