/** Digits in a one-time code. */
export const codeLengthRange = { min: 4, max: 12 } as const;
/** Answers a step takes before the sign-in fails. */
export const maxAttemptsRange = { min: 1, max: 10 } as const;

/** `value` when it is a whole number in `range`; else a RangeError naming the option. */
export function integerInRange(name: string, value: number, range: { min: number; max: number }) {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new RangeError(
      `${name} must be a whole number from ${range.min} to ${range.max}, got ${String(value)}.`,
    );
  }
  return value;
}

/** The options actually given: an option set to `undefined` takes its default. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
