/**
 * A value made from environment variables, made again only when one of `names` changes (a
 * Lambda's environment does not, so once per container). The variables are read at each
 * call, not at module load, so a bad value fails the call with its message rather than the
 * Lambda's start; a `make` that throws keeps nothing.
 */
export function perEnvironment<T>(names: readonly string[], make: () => T): () => T {
  let made: { from: string; value: T } | undefined;
  return () => {
    const from = JSON.stringify(names.map((name) => process.env[name]));
    if (made?.from !== from) made = { from, value: make() };
    return made.value;
  };
}
