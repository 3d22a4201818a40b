const said = new Set<string>();

/**
 * A console warning, once per text. Call it behind a `process.env.NODE_ENV` check written out
 * at the call site, which bundlers fold away in production builds, taking this along.
 */
export function warnOnce(text: string): void {
  if (said.has(text)) return;
  said.add(text);
  console.warn(`cognito-custom-auth: ${text}`);
}

/** The names of the fields whose values differ. */
function changedKeys<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T & string>;
  return [...keys].filter((key) => !Object.is(before[key], after[key]));
}

/** A provider reads its input once: say so when the app changes it later. */
export function warnOfChangedInput<T extends object>(mounted: T, current: T): void {
  const changed = changedKeys(mounted, current);
  if (changed.length === 0) return;
  warnOnce(
    `CustomAuthProvider reads ${changed.join(', ')} once, when it mounts; the change was ignored. Give it a new key to start over with the new value.`,
  );
}

/** A drop-in inside a provider uses the provider's statechart: say which props that leaves unused. */
export function warnOfIgnoredProps(props: Record<string, unknown>): void {
  const ignored = Object.keys(props).filter((name) => props[name] !== undefined);
  if (ignored.length === 0) return;
  warnOnce(
    `<CustomAuthenticator> inside <CustomAuthProvider> ignores ${ignored.join(', ')}: the provider runs the statechart, so set them there (sign-up's service as services.signUp).`,
  );
}
