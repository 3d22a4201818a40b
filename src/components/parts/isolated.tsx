import type { ReactNode } from 'react';

/**
 * `pieces` joined by `value`, each time in a `<bdi>`: a value from elsewhere (a username, a
 * masked phone number) keeps its own direction, and the sentence around it keeps its order
 * and punctuation, as an English name inside Arabic would not.
 */
export function isolated(pieces: string[], value: string): ReactNode[] {
  return pieces.flatMap((piece, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one sentence, in their order.
    index ? [<bdi key={index}>{value}</bdi>, piece] : [piece],
  );
}
