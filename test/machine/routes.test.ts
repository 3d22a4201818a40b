import { describe, expect, it } from 'vitest';
import { customAuthMachine } from '../../src/machine/index.ts';
import type { CustomAuthRoute } from '../../src/machine/types.ts';

const routes: CustomAuthRoute[] = [
  'initializing',
  'signIn',
  'challenge',
  'signUp',
  'confirmSignUp',
  'signedIn',
];

describe('routes', () => {
  it('are declared by the top-level states, one each, and every route has its state', () => {
    const declared = Object.entries(customAuthMachine.root.states).map(([name, node]) => [
      name,
      node.tags.filter((tag) => (routes as string[]).includes(tag)),
    ]);
    expect(declared).toEqual(routes.map((route) => [route, [route]]));
    // No state below the top declares a route, so the active route is never ambiguous.
    const nested = Object.values(customAuthMachine.root.states).flatMap((node) =>
      Object.values(node.states).flatMap((child) =>
        child.tags.filter((tag) => (routes as string[]).includes(tag)),
      ),
    );
    expect(nested).toEqual([]);
  });
});
