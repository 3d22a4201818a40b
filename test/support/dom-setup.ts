import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from '@testing-library/react';
import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
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

// When the dom tests run on another React (DOM_REACT_MODULES), make sure they really do.
const otherReact = process.env.DOM_REACT_MODULES;
if (otherReact) {
  const installed = (name: string) =>
    (
      JSON.parse(readFileSync(join(otherReact, name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const running = { react: reactVersion, 'react-dom': reactDomVersion };
  const expected = { react: installed('react'), 'react-dom': installed('react-dom') };
  if (JSON.stringify(running) !== JSON.stringify(expected)) {
    throw new Error(
      `The dom tests run ${JSON.stringify(running)}, not ${JSON.stringify(expected)}.`,
    );
  }
}
