/**
 * Makes a value on first use and keeps it (one SDK client per Lambda container, so cold
 * starts that never need it stay cheap). A failed attempt is not kept: the next call tries
 * again and reports the state of things then.
 */
export function lazily<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    if (!made) {
      made = make();
      made.catch(() => {
        made = undefined;
      });
    }
    return made;
  };
}
