import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only when test globals exist; they do not here.
afterEach(() => {
  cleanup();
});

// jsdom has no CSS.escape; user-event needs it to move through a radio group by arrow keys.
if (typeof globalThis.CSS?.escape !== 'function') {
  Object.assign(globalThis, {
    CSS: { ...globalThis.CSS, escape: (value: string) => value.replace(/[^\w-]/g, '\\$&') },
  });
}
