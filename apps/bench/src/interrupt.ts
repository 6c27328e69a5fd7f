import { EXIT } from './usage-error.js';

/**
 * Ctrl-C: the first press aborts the run (in-flight jobs end as ABORTED and the
 * report of what finished is written, marked interrupted); a second press
 * exits at once.
 */
export function onInterrupt(controller: AbortController) {
  const handler = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    process.stderr.write(
      '\ninterrupted: finishing up and writing the report of what finished (Ctrl-C again to quit now)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
