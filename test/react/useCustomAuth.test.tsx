import { act, renderHook, waitFor } from '@testing-library/react';
import { type ReactNode, StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  type CustomAuth,
  CustomAuthProvider,
  type CustomAuthProviderProps,
  useCustomAuth,
  useCustomAuthActor,
} from '../../src/index.ts';
import { alice, challengeStep, type FakeServices, fakeServices } from '../support/fake-services.ts';

function TestProvider({ strict, ...props }: CustomAuthProviderProps & { strict: boolean }) {
  const provider = <CustomAuthProvider {...props} />;
  return strict ? <StrictMode>{provider}</StrictMode> : provider;
}

function wrapperFor(props: Omit<CustomAuthProviderProps, 'children'>, strict: boolean) {
  return ({ children }: { children?: ReactNode }) => (
    <TestProvider strict={strict} {...props}>
      {children}
    </TestProvider>
  );
}

function renderAuth(
  services: FakeServices,
  strict: boolean,
  props: Partial<CustomAuthProviderProps> = {},
) {
  return renderHook(() => useCustomAuth(), { wrapper: wrapperFor({ services, ...props }, strict) });
}

describe.each([
  ['plain', false],
  ['StrictMode', true],
])('useCustomAuth (%s)', (_, strict) => {
  it('runs a passwordless sign-in with one backend call per step', async () => {
    const services = fakeServices();
    const { result } = renderAuth(services, strict);
    await waitFor(() => expect(result.current.route).toBe('signIn'));
    expect(services.getCurrentUser).toHaveBeenCalledTimes(1);

    act(() => result.current.signIn({ username: 'alice' }));
    await waitFor(() => expect(result.current.route).toBe('challenge'));
    expect(result.current.challenge).toMatchObject({
      hint: 'Enter the 6-digit code we emailed you.',
      round: 1,
    });
    expect(result.current.username).toBe('alice');

    act(() => result.current.answerChallenge('123456'));
    await waitFor(() => expect(result.current.route).toBe('signedIn'));
    expect(result.current.user).toEqual(alice);
    expect(services.signIn).toHaveBeenCalledTimes(1);
    expect(services.confirmSignIn).toHaveBeenCalledTimes(1);
    expect(services.listenForSignOut).toHaveBeenCalledTimes(1);
  });

  it('exposes pending, errors and the password flow', async () => {
    const services = fakeServices();
    const { result } = renderAuth(services, strict, { flow: 'passwordThenCode' });
    await waitFor(() => expect(result.current.route).toBe('signIn'));

    act(() => result.current.signIn({ username: 'alice' }));
    expect(result.current.error).toEqual({ code: 'EmptyPassword' });

    act(() => result.current.signIn({ username: 'alice', password: 'Secret-123' }));
    expect(result.current.isPending).toBe(true);
    await waitFor(() => expect(result.current.route).toBe('challenge'));
    expect(result.current.isPending).toBe(false);
    expect(services.signIn).toHaveBeenCalledWith({
      username: 'alice',
      password: 'Secret-123',
      flow: 'passwordThenCode',
    });
  });

  it('signs up, confirms and lands in the challenge', async () => {
    const services = fakeServices();
    const { result } = renderAuth(services, strict);
    await waitFor(() => expect(result.current.route).toBe('signIn'));
    act(() => result.current.goToSignUp());
    expect(result.current.route).toBe('signUp');
    act(() => result.current.signUp({ username: 'alice', attributes: { email: 'a@example.com' } }));
    await waitFor(() => expect(result.current.route).toBe('confirmSignUp'));
    expect(result.current.codeDelivery?.destination).toBe('a***@e***.com');
    act(() => result.current.resendSignUpCode());
    await waitFor(() => expect(services.resendSignUpCode).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(result.current.isPending).toBe(false));
    act(() => result.current.confirmSignUp('123456'));
    await waitFor(() => expect(result.current.route).toBe('challenge'));
    expect(services.signUp).toHaveBeenCalledTimes(1);
    expect(services.autoSignIn).toHaveBeenCalledTimes(1);
  });

  it('signs out', async () => {
    const services = fakeServices({ getCurrentUser: async () => alice });
    const { result } = renderAuth(services, strict);
    await waitFor(() => expect(result.current.route).toBe('signedIn'));
    act(() => result.current.signOut());
    await waitFor(() => expect(result.current.route).toBe('signIn'));
    expect(services.signOut).toHaveBeenCalledTimes(1);
  });
});

describe('useCustomAuth', () => {
  it('throws a clear error outside the provider', () => {
    expect(() => renderHook(() => useCustomAuth())).toThrow(
      'useCustomAuth must be used inside <CustomAuthProvider> or <CustomAuthenticator>.',
    );
    expect(() => renderHook(() => useCustomAuthActor())).toThrow(
      /useCustomAuthActor must be used inside/,
    );
  });

  it('re-renders a selecting component only when its slice changes', async () => {
    const services = fakeServices({
      confirmSignIn: async () => challengeStep({ attemptsLeft: '2' }),
    });
    let routeRenders = 0;
    let wholeRenders = 0;
    const { result } = renderHook(
      () => {
        const route = useCustomAuth((auth) => auth.route);
        routeRenders++;
        return route;
      },
      { wrapper: wrapperFor({ services }, false) },
    );
    const whole = renderHook(
      () => {
        wholeRenders++;
        return useCustomAuth();
      },
      { wrapper: wrapperFor({ services }, false) },
    );
    await waitFor(() => expect(result.current).toBe('signIn'));
    await waitFor(() => expect(whole.result.current.route).toBe('signIn'));
    const routeRendersAtSignIn = routeRenders;
    const wholeRendersAtSignIn = wholeRenders;

    act(() => whole.result.current.signIn({ username: 'alice' }));
    await waitFor(() => expect(whole.result.current.route).toBe('challenge'));
    act(() => whole.result.current.answerChallenge('000000'));
    await waitFor(() => expect(whole.result.current.challenge?.round).toBe(2));

    expect(routeRenders).toBe(routeRendersAtSignIn);
    expect(wholeRenders - wholeRendersAtSignIn).toBeGreaterThanOrEqual(4);
  });

  it('selects a derived object without extra renders (shallow compare)', async () => {
    const services = fakeServices();
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return useCustomAuth(({ route, signIn }) => ({ route, signIn }));
      },
      { wrapper: wrapperFor({ services }, false) },
    );
    await waitFor(() => expect(result.current.route).toBe('signIn'));
    const before = renders;
    const { signIn } = result.current;
    act(() => result.current.signIn({ username: '' }));
    expect(renders).toBe(before);
    expect(result.current.signIn).toBe(signIn);
  });

  it('keeps command identities stable across renders', async () => {
    const { result, rerender } = renderAuth(fakeServices(), false);
    const first: CustomAuth = result.current;
    rerender();
    await waitFor(() => expect(result.current.route).toBe('signIn'));
    expect(result.current.answerChallenge).toBe(first.answerChallenge);
    expect(result.current.signOut).toBe(first.signOut);
  });

  it('uses the latest services without restarting the flow', async () => {
    const first = fakeServices();
    const second = fakeServices({
      signIn: async () => challengeStep({ hint: 'from the new service' }),
    });
    let services = first;
    const { result, rerender } = renderHook(() => useCustomAuth(), {
      wrapper: ({ children }) => (
        <CustomAuthProvider services={services}>{children}</CustomAuthProvider>
      ),
    });
    await waitFor(() => expect(result.current.route).toBe('signIn'));
    services = second;
    rerender();
    act(() => result.current.signIn({ username: 'alice' }));
    await waitFor(() => expect(result.current.challenge?.hint).toBe('from the new service'));
    expect(first.signIn).not.toHaveBeenCalled();
    expect(second.getCurrentUser).not.toHaveBeenCalled();
  });

  it('stops the actor when the provider unmounts', async () => {
    const services = fakeServices({ getCurrentUser: async () => alice });
    const { result, unmount } = renderHook(() => useCustomAuthActor(), {
      wrapper: wrapperFor({ services }, true),
    });
    await waitFor(() => expect(result.current.getSnapshot().matches('signedIn')).toBe(true));
    const actor = result.current;
    unmount();
    await waitFor(() => expect(actor.getSnapshot().status).toBe('stopped'));
    const unsubscribe = services.listenForSignOut.mock.results[0]?.value as () => boolean;
    expect(unsubscribe()).toBe(false);
  });
});
