/**
 * Makes a value on first use and keeps it (one SDK client per Lambda container, so cold
 * starts that never need it stay cheap), for `maxAgeMs` when given, then makes it again (keys
 * that rotate). A failed attempt is not kept: the next call tries again and reports the state
 * of things then.
 */
export function lazily<T>(
  make: () => Promise<T>,
  maxAgeMs = Number.POSITIVE_INFINITY,
): () => Promise<T> {
  let made: { value: Promise<T>; at: number } | undefined;
  return () => {
    const now = Date.now();
    if (!made || now - made.at >= maxAgeMs) {
      const attempt = { value: make(), at: now };
      made = attempt;
      attempt.value.catch(() => {
        if (made === attempt) made = undefined;
      });
    }
    return made.value;
  };
}
