/** Wraps a close-like function so later calls share the first call's promise (close() must be idempotent). */
export function once<T>(action: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= action();
    return result;
  };
}
