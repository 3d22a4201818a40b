// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { amplifyServices, mayResumeWithCookies, signInLinks } from '../../src/machine/index.ts';
import { savePendingChallenge } from '../../src/machine/pending-challenge.ts';

const tokenKey = 'CognitoIdentityServiceProvider.client1.alice@example.com.accessToken';

function setCookie(text: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: Amplify's CookieStorage writes it so; jsdom has no Cookie Store API.
  document.cookie = text;
}

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) setCookie(`${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT`);
  }
});

describe('amplifyServices.mayResume: a synchronous look for what a start would resume', () => {
  it('finds nothing in empty stores, nor among other names', () => {
    localStorage.setItem('theme', 'dark');
    localStorage.setItem('CognitoIdentityServiceProvider.client1.LastAuthUser', 'alice');
    localStorage.setItem('app.accessTokenCount', '3');
    sessionStorage.setItem('CognitoSignInState.username', 'alice');
    expect(amplifyServices.mayResume()).toBe(false);
  });

  it("finds Amplify's access token in localStorage, its default store", () => {
    localStorage.setItem(tokenKey, 'eyJ');
    expect(amplifyServices.mayResume()).toBe(true);
  });

  it('finds it in sessionStorage, where an app may have told Amplify to keep it', () => {
    sessionStorage.setItem(tokenKey, 'eyJ');
    expect(amplifyServices.mayResume()).toBe(true);
  });

  it('does not read cookies: apps that keep tokens there opt into mayResumeWithCookies', () => {
    setCookie(`${tokenKey}=eyJ`);
    expect(amplifyServices.mayResume()).toBe(false);
  });

  it('finds a challenge the kit kept for a reload', () => {
    savePendingChallenge({
      username: 'alice',
      challenge: { parameters: {}, round: 1, expiresAt: Date.now() + 60_000, resendAvailableAt: 0 },
    });
    expect(amplifyServices.mayResume()).toBe(true);
    savePendingChallenge(null);
    expect(amplifyServices.mayResume()).toBe(false);
  });
});

describe('mayResumeWithCookies: the same look, and in cookies, where `ssr: true` keeps tokens', () => {
  it("finds Amplify's access token cookie, its name encoded as Amplify writes it", () => {
    setCookie('CognitoIdentityServiceProvider.client1.alice%40example.com.accessToken=eyJ');
    expect(mayResumeWithCookies()).toBe(true);
  });

  it('finds nothing in other cookies', () => {
    setCookie('CognitoIdentityServiceProvider.client1.LastAuthUser=alice');
    setCookie('accessToken=eyJ');
    setCookie('app.accessTokenCount=3');
    setCookie('CognitoIdentityServiceProvider.client1.alice.accessTokenExpiry=1');
    expect(mayResumeWithCookies()).toBe(false);
  });

  it('still finds what amplifyServices.mayResume finds', () => {
    localStorage.setItem(tokenKey, 'eyJ');
    expect(mayResumeWithCookies()).toBe(true);
  });
});

describe('signInLinks().mayResume', () => {
  it('defers to the stores when the page was opened without a link', () => {
    expect(signInLinks().mayResume?.()).toBe(false);
    localStorage.setItem(tokenKey, 'eyJ');
    expect(signInLinks().mayResume?.()).toBe(true);
  });

  const openWithLink = () => {
    const claims = btoa(JSON.stringify({ u: 'alice' })).replace(/=+$/, '');
    const token = `k1.${claims}.${'s'.repeat(43)}`;
    history.replaceState(null, '', `/#${token}`);
    return token;
  };

  it('sees the sign-in link the page was opened with, as something to resume, once', async () => {
    const token = openWithLink();
    const services = signInLinks();
    expect(location.hash).toBe('');
    expect(services.mayResume?.()).toBe(true);
    // No browser's digest in it: it asks first, naming the account.
    expect(await services.loadPendingChallenge?.()).toMatchObject({
      username: '',
      challenge: { parameters: { type: 'linkConfirmation', destination: 'alice' } },
      link: token,
    });
    expect(services.mayResume?.()).toBe(false);
    expect(await services.loadPendingChallenge?.()).toBeNull();
  });

  it('drops the link when a start forgets what it did not resume', async () => {
    openWithLink();
    const services = signInLinks();
    services.savePendingChallenge?.(null);
    expect(services.mayResume?.()).toBe(false);
    expect(await services.loadPendingChallenge?.()).toBeNull();
  });
});
