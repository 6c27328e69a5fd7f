import { describe, expect, it } from 'vitest';
import { createCostMeter, parseCounters } from '../src/broker-stats.js';

const info = (evalsha: number, rpush: number, infoCalls: number, cpuUser: number, cpuSys: number) => `# Commandstats
cmdstat_evalsha:calls=${evalsha},usec=10,usec_per_call=1.00,rejected_calls=0,failed_calls=0
cmdstat_rpush:calls=${rpush},usec=3,usec_per_call=1.00,rejected_calls=0,failed_calls=0
cmdstat_info:calls=${infoCalls},usec=3,usec_per_call=1.00,rejected_calls=0,failed_calls=0

# CPU
used_cpu_sys:${cpuSys}
used_cpu_user:${cpuUser}
used_cpu_sys_children:0.000000
`;

describe('broker cost from INFO commandstats and cpu', () => {
  it('parses calls per command and CPU seconds', () => {
    const counters = parseCounters(info(30, 10, 2, 1.5, 0.25));
    expect(counters.calls).toEqual(
      new Map([
        ['evalsha', 30],
        ['rpush', 10],
        ['info', 2],
      ]),
    );
    expect(counters.cpuMs).toBeCloseTo(1750);
  });

  it('gives commands, scripts and Redis CPU per job over batches, leaving out the measuring INFO', () => {
    const meter = createCostMeter();
    expect(meter.cost()).toBeUndefined();
    meter.add(parseCounters(info(0, 0, 1, 1, 0)), parseCounters(info(30, 10, 2, 1.01, 0)), 10);
    meter.add(parseCounters(info(30, 10, 3, 1.01, 0)), parseCounters(info(60, 20, 4, 1.02, 0.01)), 10);
    const cost = meter.cost();
    expect(cost).toMatchObject({ batches: 2, jobs: 20, commandsPerJob: 4, scriptsPerJob: 3 });
    expect(cost?.commandsPerJobByName).toEqual({ evalsha: 3, rpush: 1 });
    expect(cost?.redisCpuUsPerJob).toBeCloseTo(1500);
  });
});
