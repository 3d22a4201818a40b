import { Amplify } from 'aws-amplify';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { describe, expect, it } from 'vitest';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';

const pool = localPoolForFile({
  flow: ['code', 'passkeyEnrollment'],
  extraClients: [
    {
      clientId: 'passkeyOrCode',
      explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      flow: ['passkeyOrCode'],
    },
  ],
});

/** Sign-ins from now on go through the app client named, as an app with two would. */
function useClient(clientId?: string) {
  const { Cognito } = pool().amplifyConfig.Auth;
  Amplify.configure({
    Auth: { Cognito: { ...Cognito, userPoolClientId: clientId ?? Cognito.userPoolClientId } },
  });
}

const start = (username: string) =>
  signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });

const optionsOf = (output: Awaited<ReturnType<typeof signIn>>) => {
  const info = (output.nextStep as { additionalInfo?: Record<string, string> }).additionalInfo;
  return { info, publicKey: JSON.parse(info?.publicKey ?? 'null') };
};

describe('passkeys through the local pool and the real Amplify client', () => {
  it('enrols after a code, then signs in with the passkey in two requests', async () => {
    await registerUser(pool(), 'pat');
    const authenticator = softwareAuthenticator({
      origin: 'http://localhost:5173',
      rpId: 'localhost',
    });
    useClient();
    await start('pat');
    const offer = optionsOf(await confirmSignIn({ challengeResponse: latestCode(pool(), 'pat') }));
    expect(offer.info).toMatchObject({ type: 'passkeyEnrollment', step: '2', steps: '2' });
    const registered = await confirmSignIn({
      challengeResponse: JSON.stringify(authenticator.register(offer.publicKey)),
    });
    expect(registered.nextStep.signInStep).toBe('DONE');
    await signOut();

    useClient('passkeyOrCode');
    pool().resetRequestCounts();
    const round = optionsOf(await start('pat'));
    expect(round.info).toMatchObject({ type: 'passkey', alternatives: 'passkey,code' });
    expect(round.publicKey.allowCredentials).toHaveLength(1);
    const done = await confirmSignIn({
      challengeResponse: JSON.stringify(authenticator.assert(round.publicKey)),
    });
    expect(done.nextStep.signInStep).toBe('DONE');
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 1 });
    await signOut();
  });

  it('goes on by the code when asked, in one more request', async () => {
    await registerUser(pool(), 'quin');
    useClient('passkeyOrCode');
    pool().resetRequestCounts();
    await start('quin');
    const code = await confirmSignIn({ challengeResponse: 'another-way:1' });
    expect(optionsOf(code).info).toMatchObject({ type: 'code', alternative: '1' });
    const done = await confirmSignIn({ challengeResponse: latestCode(pool(), 'quin') });
    expect(done.nextStep.signInStep).toBe('DONE');
    expect(pool().requestCounts()).toEqual({ InitiateAuth: 1, RespondToAuthChallenge: 2 });
    await signOut();
  });

  it('signs in from the autofill with no username typed, in three requests', async () => {
    await registerUser(pool(), 'ren');
    const authenticator = softwareAuthenticator({
      origin: 'http://localhost:5173',
      rpId: 'localhost',
    });
    useClient();
    await start('ren');
    const offer = optionsOf(await confirmSignIn({ challengeResponse: latestCode(pool(), 'ren') }));
    await confirmSignIn({
      challengeResponse: JSON.stringify(authenticator.register(offer.publicKey)),
    });
    await signOut();

    useClient('passkeyOrCode');
    pool().resetRequestCounts();
    const response = await fetch(pool().passkeyChallengeUrl, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const { publicKey } = await response.json();
    expect(publicKey.allowCredentials).toEqual([]);
    const assertion = authenticator.assert(publicKey);
    const username = Buffer.from(assertion.response.userHandle ?? '', 'base64url').toString();
    expect(username).toBe('ren');
    expect(optionsOf(await start(username)).info).toMatchObject({ type: 'passkey' });
    const done = await confirmSignIn({ challengeResponse: JSON.stringify(assertion) });
    expect(done.nextStep.signInStep).toBe('DONE');
    expect(pool().requestCounts()).toEqual({
      'POST /passkeys/challenge': 1,
      InitiateAuth: 1,
      RespondToAuthChallenge: 1,
    });
    await signOut();
  });

  it('offers autofill challenges to pages on this machine only', async () => {
    const from = (origin: string) =>
      fetch(pool().passkeyChallengeUrl, { method: 'POST', headers: { origin } });
    expect((await from('https://evil.example')).status).toBe(403);
    expect((await from('http://127.0.0.1:5173')).status).toBe(403);
    expect((await fetch(pool().passkeyChallengeUrl)).status).toBe(405);
    expect((await from('http://localhost:6006')).status).toBe(200);
  });
});
