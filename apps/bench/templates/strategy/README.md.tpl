# __PACKAGE__

__DESCRIPTION__

A fanout strategy. `pnpm fanout list` shows it; `pnpm fanout run --strategies __NAME__` benchmarks it against the
built-ins; `pnpm --filter __PACKAGE__ test` runs the conformance suite against the real fixture server.

See [docs/writing-a-strategy.md](../../docs/writing-a-strategy.md) for the contract.
