import type { RunConfig } from '../config.js';
import { annotateRuns } from '../model/figures.js';
import { flagMeasurements } from '../model/measurement.js';
import { REPORT_SCHEMA_VERSION, type Report, reportSchema } from '../model/schema.js';
import type { LoadedStrategy } from '../strategies/load.js';
import { describeEnvironment } from './environment.js';
import type { SessionResult } from './session.js';
import { reportSettings } from './settings.js';

/**
 * The report model, built once from what the session measured: the figures (bounds, efficiency, speed-up, knees)
 * computed here and only read by the renderers, then the whole validated against the schema.
 */
export function buildReport(
  config: RunConfig,
  strategies: readonly LoadedStrategy[],
  session: SessionResult,
  startedAt: Date,
): Report {
  const { calibration } = session;
  return reportSchema.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'fanout',
    environment: describeEnvironment(startedAt),
    settings: {
      ...reportSettings(config, strategies),
      ...(session.pages.length > 0 ? { pageChecks: [...session.pages] } : {}),
    },
    target: session.target,
    ...(calibration ? { calibration } : {}),
    interrupted: session.interrupted,
    finishedAt: new Date().toISOString(),
    // Then the points whose time is not the strategy's alone (a shared machine, slower code) are flagged.
    runs: flagMeasurements(
      annotateRuns(session.runs, { jobLatenciesMs: session.jobLatenciesMs, calibration }),
      config.workload.workload,
      config.urls === undefined,
    ),
    ...(config.peers.length > 0 ? { peers: session.peers } : {}),
  });
}
