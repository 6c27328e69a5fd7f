import { runProgram, type Spawned } from './spawn-json.js';

/** USER_HZ: /proc reports times in ticks of 1/100 s on every Linux architecture. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time of the waited-for children of the shell that ran a tool (cutime + cstime of `/proc/<shell>/stat`,
 * read after the tool exited and before anything else ended), in ms; undefined without /proc.
 */
export function childrenCpuMs(statLine: string | undefined): number | undefined {
  if (!statLine) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces; cutime and cstime are fields 16 and 17.
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

// wrk and h2load report nothing of their own CPU: a shell runs the tool ($0), waits for it, then prints its own stat
// line (with its children's times), and exits with the tool's status.
const WITH_CPU = '"$0" "$@"; status=$?; cat /proc/$$/stat 2>/dev/null; exit $status';

export interface ToolRun extends Spawned {
  /** The tool's user + system CPU in ms; undefined without /proc. */
  readonly cpuMs: number | undefined;
}

/** Runs a load generator to the end through a shell that reads its CPU; never rejects for a non-zero exit. */
export async function runToolWithCpu(tool: string, args: readonly string[], signal: AbortSignal): Promise<ToolRun> {
  const result = await runProgram('sh', ['-c', WITH_CPU, tool, ...args], signal);
  const stat = /^\d+ \(.*$/m.exec(result.stdout)?.[0];
  return { ...result, cpuMs: childrenCpuMs(stat) };
}

/** Undefined when `tool --version` answers with `pattern`; otherwise why not and how to install it. */
export async function missingTool(tool: string, pattern: RegExp, install: string): Promise<string | undefined> {
  try {
    const probe = await runProgram(tool, ['--version'], AbortSignal.timeout(5000));
    return pattern.test(probe.stdout + probe.stderr) ? undefined : `${tool} did not answer --version`;
  } catch {
    return `${tool} is not on PATH (${install})`;
  }
}
