/**
 * `fanout … | head -1`: once the reader has gone, there is nobody left to tell
 * anything, so a broken pipe on stdout ends the process quietly with 0 instead
 * of an unhandled 'error' event and its stack trace. Other stream errors stay
 * loud.
 */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
