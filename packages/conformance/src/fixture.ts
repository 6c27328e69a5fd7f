import type { DownloadJob, Strategy, StrategyDefinition } from '@fanout/core';
import { type FixtureServer, startFixtureServer } from '@fanout/fixture-server';

/** Query parameters of one fixture-server request (size, latency, status, fault, hops, drip…). */
export type JobQuery = Readonly<Record<string, string | number>>;

/** Jobs against `server`, each with its own query (so each can ask for another size, status…). */
export function jobsFor(server: FixtureServer, queries: readonly JobQuery[]): DownloadJob[] {
  return queries.map((query, id) => {
    const search = new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
    );
    return { id, url: `${server.url}/job/${id}?${search}` };
  });
}

/** Creates a strategy, hands it to `body`, and always closes it. */
export async function withStrategy<T>(
  definition: StrategyDefinition,
  options: Record<string, unknown>,
  body: (strategy: Strategy) => Promise<T>,
): Promise<T> {
  const strategy = await definition.create(options);
  try {
    return await body(strategy);
  } finally {
    await strategy.close();
  }
}

export async function withServer<T>(body: (server: FixtureServer) => Promise<T>): Promise<T> {
  const server = await startFixtureServer();
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}
