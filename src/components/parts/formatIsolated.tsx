import type { ReactNode } from 'react';

/**
 * Fills a text's `{name}` placeholders, each value in a `<bdi>`: a name or an address in
 * another script keeps its own direction and leaves the sentence's order alone (an English
 * address in an Arabic line).
 */
export const formatIsolated = (template: string, values: Record<string, string>): ReactNode[] =>
  // Splitting on a captured group puts the placeholders' names at the odd indexes.
  template
    .split(/\{(\w+)\}/)
    .map((part, index) => (index % 2 ? <bdi key={part}>{values[part]}</bdi> : part));
