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
  it('renders the drop-in sign-in form to a string, without touching browser APIs', () => {
    expect(typeof window).toBe('undefined');
    const services = fakeServices();
    const html = renderToString(<CustomAuthenticator services={services} locale={es} />);
    expect(html).toContain('data-route="signIn"');
    expect(html).toMatch(/<label [^>]*>Nombre de usuario<\/label><input [^>]*name="username"/);
    expect(html).not.toContain('Cargando…');
    expect(services.getCurrentUser).not.toHaveBeenCalled();
  });

  it('renders the first form even with services that may find a session: only the browser can', () => {
    const services = fakeServices({ mayResume: () => true });
    const html = renderToString(<CustomAuthenticator services={services} />);
    expect(html).toContain('data-route="signIn"');
    expect(html).not.toContain('Loading…');
  });

  it('renders the hook with its provider, on the initial route', () => {
    const signIn = renderToString(
      <CustomAuthProvider services={fakeServices()}>
        <RouteProbe />
      </CustomAuthProvider>,
    );
    expect(signIn).toBe('<span>signIn</span>');
    const signUp = renderToString(
      <CustomAuthProvider services={fakeServices()} initialRoute="signUp">
        <RouteProbe />
      </CustomAuthProvider>,
    );
    expect(signUp).toBe('<span>signUp</span>');
  });

  it('marks the client entry with "use client"', () => {
    const entry = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8');
    expect(entry.startsWith("'use client';")).toBe(true);
  });
});
