// @vitest-environment node
import { readFileSync } from 'node:fs';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomAuthenticator, CustomAuthProvider, es, useCustomAuth } from '../../src/index.ts';
import { fakeServices } from '../support/fake-services.ts';

function RouteProbe() {
  return <span>{useCustomAuth((auth) => auth.route)}</span>;
}

describe('server rendering', () => {
  it('renders the drop-in to a string without touching browser APIs', () => {
    expect(typeof window).toBe('undefined');
    const services = fakeServices();
    const html = renderToString(<CustomAuthenticator services={services} locale={es} />);
    expect(html).toContain('data-route="initializing"');
    expect(html).toContain('Cargando…');
    expect(services.getCurrentUser).not.toHaveBeenCalled();
  });

  it('renders the hook with its provider', () => {
    const html = renderToString(
      <CustomAuthProvider services={fakeServices()}>
        <RouteProbe />
      </CustomAuthProvider>,
    );
    expect(html).toBe('<span>initializing</span>');
  });

  it('marks the client entry with "use client"', () => {
    const entry = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
    expect(entry.startsWith("'use client';")).toBe(true);
  });
});
