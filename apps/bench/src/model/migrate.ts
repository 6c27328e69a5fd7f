import { isRecord } from './migrate-json.js';
import { migrateV1 } from './migrate-v1.js';
import { migrateV2 } from './migrate-v2.js';

/**
 * A report of any schema version this tool knows, brought up to the current one step by step (1 → 2 → 3), so
 * `compare` and `report` read every file `fanout run` ever wrote. Anything else is left for the schema to judge.
 */
export function migrateReport(json: unknown): unknown {
  if (!isRecord(json)) return json;
  const v2 = json.schemaVersion === 1 ? migrateV1(json) : json;
  return v2.schemaVersion === 2 ? migrateV2(v2) : v2;
}
