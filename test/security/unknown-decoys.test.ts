import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryChoiceOptions } from '../../src/challenges/code/delivery-choice-step.ts';
import { codeStep } from '../../src/challenges/code/step.ts';
import { startLocalPool } from '../../src/local-pool/index.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import { decoyMaskedDestination } from '../../src/triggers/delivery/decoy-destinations.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';
import { createCreateAuthChallenge } from '../../src/triggers/presets/handler-factories.ts';
import { createEvent } from '../triggers/events.ts';

const usernames = Array.from({ length: 40 }, (_, index) => `member-${index}`);

describe('decoy addresses of users who do not exist', () => {
  it('stay the same for one key, whatever the case of the username', () => {
    expect(decoyMaskedDestination('Mallory', 'key-1')).toBe(
      decoyMaskedDestination('mallory', 'key-1'),
    );
  });

  it('are in lower case, as stored addresses are masked', () => {
    expect(decoyMaskedDestination('DAVE@EXAMPLE.COM', 'key-1')).toBe('d***@e***.com');
  });

  it('cannot be recomputed without the key', () => {
    const withKey = (key: string) => usernames.map((name) => decoyMaskedDestination(name, key));
    const differing = withKey('key-1').filter((decoy, index) => decoy !== withKey('key-2')[index]);
    expect(differing.length).toBeGreaterThan(usernames.length / 2);
  });

  it('look like addresses at the configured domains', () => {
    const decoys = usernames.map((name) => decoyMaskedDestination(name, 'k', ['acme.co.uk']));
    for (const decoy of decoys) expect(decoy).toMatch(/^[a-z]\*\*\*@a\*\*\*\.uk$/);
    const common = usernames.map((name) => decoyMaskedDestination(name, 'k'));
    for (const decoy of common) expect(decoy).toMatch(/^[a-z]\*\*\*@[gohyi]\*\*\*\.com$/);
    expect(new Set(common.map((decoy) => decoy.slice(5, 6))).size).toBeGreaterThan(2);
  });

  it('come from the store’s key in Create, so every Lambda on one store shows the same', async () => {
    const unknown = createEvent([], {
      userName: 'mallory',
      userNotFound: true,
      userAttributes: {},
    });
    const destination = async (store: ReturnType<typeof createMemoryAttemptStore>) => {
      const create = createCreateAuthChallenge({ decoySendDelayMs: 0, limits: { store } });
      const event = await create(structuredClone(unknown));
      return event.response.publicChallengeParameters.destination;
    };
    const shared = createMemoryAttemptStore({ secret: 'deployment key' });
    expect(await destination(shared)).toBe(await destination(shared));
    expect(await destination(shared)).toBe(decoyMaskedDestination('mallory', 'deployment key'));
    expect(() => createCreateAuthChallenge({ decoyEmailDomains: ['no-dot'] })).toThrow(
      /decoyEmailDomains must be a non-empty list/,
    );
    expect(() => createCreateAuthChallenge({ decoyEmailDomains: [] })).toThrow(
      /decoyEmailDomains must be a non-empty list/,
    );
  });

  it('in the local pool: the same in sign-in and sign-up answers, and across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'decoys-'));
    const decoys = async () => {
      const pool = await startLocalPool({ port: 0, dataDir, log: () => {} });
      try {
        const post = async (operation: string, body: object) => {
          const response = await fetch(pool.endpoint, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-amz-json-1.1',
              'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
            },
            body: JSON.stringify({ ClientId: pool.userPoolClientId, ...body }),
          });
          return (await response.json()) as Record<string, Record<string, string>>;
        };
        const signIn = await post('InitiateAuth', {
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: 'mallory' },
        });
        const resend = await post('ResendConfirmationCode', { Username: 'mallory' });
        return [signIn.ChallengeParameters?.destination, resend.CodeDeliveryDetails?.Destination];
      } finally {
        await pool.close();
      }
    };
    try {
      const [signIn, resend] = await decoys();
      expect(signIn).toMatch(/^[a-z]\*\*\*@[a-z]\*\*\*\.com$/);
      expect(resend).toBe(signIn);
      expect(await decoys()).toEqual([signIn, signIn]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('decoy channels of users who do not exist', () => {
  const store = createMemoryAttemptStore({ secret: 'decoy channels' });
  const choiceOf = async (userName: string, choice: DeliveryChoiceOptions = {}) => {
    const { createAuthChallenge } = createCustomAuthTriggers({
      steps: [codeStep({ deliver: 'choice', choice, sendCode: async () => {} })],
      limits: { store },
      decoySendDelayMs: 0,
    });
    const event = await createAuthChallenge(
      createEvent([], { userName, userNotFound: true, userAttributes: {} }),
    );
    return JSON.parse(event.response.publicChallengeParameters.options ?? '[]') as Array<{
      value: string;
      label: string;
    }>;
  };

  it('mask a phone-number username as itself, and never as its email', async () => {
    const byText = await createCustomAuthTriggers({
      steps: [codeStep({ deliver: 'sms', sendCode: async () => {} })],
      limits: { store },
      decoySendDelayMs: 0,
    }).createAuthChallenge(
      createEvent([], { userName: '+15550004321', userNotFound: true, userAttributes: {} }),
    );
    expect(byText.response.publicChallengeParameters.destination).toBe('+*******4321');
    const options = await choiceOf('+15550004321');
    expect(options.find((option) => option.value === 'sms')?.label).toBe('Text +*******4321');
    const email = options.find((option) => option.value === 'email');
    if (email) expect(email.label).toMatch(/^Email [a-z]\*\*\*@/);
  });

  it('offer the sets of channels the app says its users have', async () => {
    const onlySms = await Promise.all(
      usernames.map((name) => choiceOf(name, { decoyChannels: [['sms']] })),
    );
    for (const options of onlySms) expect(options.map((option) => option.value)).toEqual(['sms']);
    const defaults = await Promise.all(usernames.map((name) => choiceOf(name)));
    const sets = new Set(defaults.map((options) => options.map((option) => option.value).join()));
    expect(sets).toEqual(new Set(['email', 'email,sms']));
    // An address as the name always has its own channel, whatever the sets say.
    expect(
      (await choiceOf('eve@example.com', { decoyChannels: [['sms']] })).map((o) => o.value),
    ).toEqual(['email', 'sms']);
  });

  it('refuse a set list that cannot be offered', () => {
    for (const decoyChannels of [[], [[]], [['fax']]] as never[]) {
      expect(() => codeStep({ deliver: 'choice', choice: { decoyChannels } })).toThrow(
        /decoyChannels must list sets of channels/,
      );
    }
  });
});
