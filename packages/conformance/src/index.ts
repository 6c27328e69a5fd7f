import type { StrategyDefinition } from '@fanout/core';
import { describe } from 'vitest';
import { accountingChecks } from './accounting.js';
import { type ConformanceOptions, suiteContext } from './context.js';
import { failureChecks } from './failures.js';
import { faultChecks } from './fault-matrix.js';
import { lifecycleChecks } from './lifecycle.js';
import { limitChecks } from './limits.js';
import { networkChecks } from './network.js';
import { progressChecks } from './progress.js';
import { protocolChecks } from './protocols.js';
import { reachChecks } from './reach.js';
import { workloadChecks } from './workloads.js';

export type { ConformanceOptions } from './context.js';
export { FAULT_CASES, MATRIX_OPTIONS } from './fault-matrix.js';
export { type JobQuery, jobsFor, withServer, withStrategy } from './fixture.js';
export { type LoadOptions, testStrategyLoad } from './load.js';
export { countResources, osThreadCount } from './process-state.js';

/**
 * The conformance suite: every strategy package calls this once from its own
 * test file. It runs real requests against the real fixture server and checks
 * accounting, exact bytes, the concurrency limit from the server's side,
 * failure codes, timeouts, abort, option validation and clean shutdown, the
 * reach rule on every redirect hop, the per-origin cap, and network-level
 * failure codes (in a network namespace where the machine allows one), and the same over TLS, HTTP/2, gzip and br.
 */
export function testStrategy(definition: StrategyDefinition, options: ConformanceOptions = {}): void {
  const context = suiteContext(definition, options);
  describe(`strategy conformance: ${definition.name}`, () => {
    describe('accounting', () => accountingChecks(context));
    describe('limits and options', () => limitChecks(context));
    describe('failures', () => failureChecks(context));
    describe('fault matrix', () => faultChecks(context));
    describe('reach and per-origin cap', () => reachChecks(context));
    describe('network failures', () => networkChecks(context));
    describe('lifecycle', () => lifecycleChecks(context));
    describe('workloads', () => workloadChecks(context));
    describe('progress', () => progressChecks(context));
    describe('protocols: TLS, HTTP/2, content coding', () => protocolChecks(context));
  });
}
