import { arch, cpus, hostname, platform, release, totalmem } from 'node:os';

export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryBytes: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export function describeEnvironment(startedAt: Date): Environment {
  const processors = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    cpus: processors.length,
    cpuModel: processors[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    hostname: hostname(),
    startedAt: startedAt.toISOString(),
  };
}
