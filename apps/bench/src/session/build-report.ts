import type { RunConfig } from '../config.js';
import { withBrokerOverhead } from '../model/broker-overhead.js';
import { annotatePeers, annotateRuns } from '../model/figures.js';
import { flagMeasurements } from '../model/measurement.js';
import { REPORT_SCHEMA_VERSION, type Report, reportSchema } from '../model/schema.js';
import type { LoadedStrategy } from '../strategies/load.js';
import { describeEnvironment } from './environment.js';
import type { SessionResult } from './session.js';
import { reportSettings } from './settings.js';

/**
 * The report model, built once from what the session measured: the figures (references, efficiency, CPU per
 * request, speed-up, knees) for points and peers computed here and only read by the renderers, then the points
 * whose time is not the strategy's alone flagged (model/measurement.ts), then the whole validated against the schema.
 */
export function buildReport(
  config: RunConfig,
  strategies: readonly LoadedStrategy[],
  session: SessionResult,
  startedAt: Date,
): Report {
  const { calibration } = session;
  const inputs = { jobLatenciesMs: session.jobLatenciesMs, calibration };
  const environment = describeEnvironment(startedAt);
  return reportSchema.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'fanout',
    environment,
    settings: {
      ...reportSettings(config, strategies),
      ...(session.pages.length > 0 ? { pageChecks: [...session.pages] } : {}),
    },
    target: session.target,
    ...(calibration ? { calibration } : {}),
    interrupted: session.interrupted,
    finishedAt: new Date().toISOString(),
    runs: withBrokerOverhead(
      flagMeasurements(
        annotateRuns(session.runs, inputs),
        config.workload.workload,
        config.urls === undefined,
        environment.cpus,
      ),
    ),
    ...(config.peers.length > 0 ? { peers: annotatePeers(session.peers, inputs) } : {}),
  });
}
