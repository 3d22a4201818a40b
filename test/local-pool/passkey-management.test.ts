import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { afterEach, describe, expect, it } from 'vitest';
import {
  newStepUp,
  type PasskeyManagementError,
  passkeyManagement,
  type StepUp,
  signedInClient,
  stepUpServices,
} from '../../src/challenges/passkey/management-client.ts';
import { passkeyManagementHandler } from '../../src/challenges/passkey/server/management-handler.ts';
import { createMemoryPasskeyStore } from '../../src/challenges/passkey/server/passkey-store.ts';
import type { SignInStep } from '../../src/machine/types.ts';
import { latestCode, localPoolForFile, registerUser } from '../support/local-pool.ts';
import { softwareAuthenticator } from '../support/software-authenticator.ts';

const origin = 'http://localhost:5173';
const pool = localPoolForFile({
  flow: ['passkeyOrCode'],
  extraClients: [
    {
      clientId: 'codeOnly',
      explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      flow: 'passwordless',
    },
  ],
});

afterEach(async () => {
  await signOut();
});

/** Signed in by the code, through Amplify, as the drop-in would. */
async function signedIn(username: string) {
  Amplify.configure(pool().amplifyConfig);
  await registerUser(pool(), username);
  await signIn({ username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
  await confirmSignIn({ challengeResponse: 'another-way:1' });
  await confirmSignIn({ challengeResponse: latestCode(pool(), username) });
  return passkeyManagement({ url: pool().passkeyManagementUrl });
}

/** A step-up by the code, through the services a step-up's statechart runs on. */
async function steppedUpByCode(username: string): Promise<StepUp> {
  const stepUp = await newStepUp();
  const services = stepUpServices(stepUp, await signedInClient());
  const first = await services.signIn?.({ username, flow: 'passwordless' });
  expect(first).toMatchObject({ type: 'customChallenge', parameters: { type: 'passkey' } });
  await services.confirmSignIn?.('another-way:1');
  const done = await services.confirmSignIn?.(latestCode(pool(), username));
  expect(done).toMatchObject({ type: 'done' });
  return stepUp;
}

/** What `passkeyManagement().add` sends, with the software authenticator in the browser's place. */
async function register(stepUp: StepUp, authenticator: ReturnType<typeof softwareAuthenticator>) {
  const post = async (body: unknown) => {
    const token = (await fetchAuthSession()).tokens?.accessToken?.toString();
    return fetch(pool().passkeyManagementUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    });
  };
  const options = await post({ action: 'creationOptions', stepUp: stepUp.secret });
  const { publicKey } = await options.json();
  const response = JSON.stringify(authenticator.register(publicKey));
  return post({ action: 'register', stepUp: stepUp.secret, response });
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'done',
    (error: PasskeyManagementError) => error.name,
  );

describe('managing passkeys while signed in, through the local pool', () => {
  it('lists, adds and removes, each change after a step-up of its own', async () => {
    const manage = await signedIn('sal');
    // Google Password Manager's model.
    const aaguid = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
    const authenticator = softwareAuthenticator({ origin, rpId: 'localhost', aaguid });
    expect(await manage.list()).toEqual([]);

    const tokensBefore = (await fetchAuthSession()).tokens?.accessToken?.toString();
    const stepUp = await steppedUpByCode('sal');
    // The step-up signs in beside Amplify's session, and leaves it as it was.
    expect((await getCurrentUser()).username).toBe('sal');
    expect((await fetchAuthSession()).tokens?.accessToken?.toString()).toBe(tokensBefore);
    const added = await register(stepUp, authenticator);
    expect(added.status).toBe(200);
    const [passkey] = await manage.list();
    expect(passkey).toMatchObject({
      provider: 'Google Password Manager',
      synced: false,
      deviceBound: true,
      lastUsedAt: null,
    });

    // One proof, one change.
    expect(await refusal(manage.remove(passkey?.id ?? '', stepUp))).toBe('StepUpRequired');
    expect(await manage.list()).toHaveLength(1);

    // A step-up by the passkey itself, then its removal.
    const again = await newStepUp();
    const services = stepUpServices(again, await signedInClient());
    const round = (await services.signIn?.({ username: 'sal', flow: 'passwordless' })) as Extract<
      SignInStep,
      { type: 'customChallenge' }
    >;
    const assertion = authenticator.assert(JSON.parse(round.parameters.publicKey ?? ''));
    expect(await services.confirmSignIn?.(JSON.stringify(assertion))).toMatchObject({
      type: 'done',
    });
    await manage.remove(passkey?.id ?? '', again);
    expect(await manage.list()).toEqual([]);
  }, 30_000);

  it('changes nothing without a step-up, nor with a step-up of another user', async () => {
    await signedIn('tam');
    const stranger = await steppedUpByCode('tam');
    await signOut();
    const manage = await signedIn('uma');
    const authenticator = softwareAuthenticator({ origin, rpId: 'localhost' });
    expect((await register(await newStepUp(), authenticator)).status).toBe(403);
    expect((await register(stranger, authenticator)).status).toBe(403);
    expect(await refusal(manage.remove('any', await newStepUp()))).toBe('StepUpRequired');
    expect(await manage.list()).toEqual([]);
  }, 30_000);

  it('refuses a missing or revoked access token, and a malformed change', async () => {
    const manage = await signedIn('vic');
    const url = pool().passkeyManagementUrl;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
    const token = (await fetchAuthSession()).tokens?.accessToken?.toString();
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: '{"action":"remove"}',
    });
    expect(malformed.status).toBe(400);
    expect((await fetch(url, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(url, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const { endpoint } = await signedInClient();
    await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.GlobalSignOut',
      },
      body: JSON.stringify({ AccessToken: token }),
    });
    expect(await refusal(manage.list())).toBe('NotAuthorized');
    const revoked = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
  }, 30_000);

  it('takes the access tokens of its own pool only', async () => {
    await signedIn('wyn');
    const token = (await fetchAuthSession()).tokens?.accessToken?.toString();
    const party = { rpId: 'localhost', origins: [origin], store: createMemoryPasskeyStore() };
    const handlerOf = (userPoolId: string) =>
      passkeyManagementHandler({ ...party, userPoolId, cognitoEndpoint: pool().endpoint });
    const get = { httpMethod: 'GET', headers: { authorization: `Bearer ${token}` } };
    expect((await handlerOf(pool().userPoolId)(get)).statusCode).toBe(200);
    expect((await handlerOf('eu-west-1_Another')(get)).statusCode).toBe(401);
    expect(() => passkeyManagementHandler({ ...party, userPoolId: 'no-pool' })).toThrow(
      /userPoolId must be the pool's id/,
    );
  }, 30_000);

  it('spends no step-up on a malformed change', async () => {
    await signedIn('xan');
    const stepUp = await steppedUpByCode('xan');
    const token = (await fetchAuthSession()).tokens?.accessToken?.toString();
    const remove = (id: string) =>
      fetch(pool().passkeyManagementUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'remove', stepUp: stepUp.secret, id }),
      });
    expect((await remove('')).status).toBe(400);
    expect((await remove('x'.repeat(2000))).status).toBe(400);
    // The step-up is still there for a well-formed change (of a passkey the user lacks).
    expect((await remove('no-such-passkey')).status).toBe(404);
    expect((await remove('no-such-passkey')).status).toBe(403);
  }, 30_000);
});
