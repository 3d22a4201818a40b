import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { softwareAuthenticator } from '../support/software-authenticator.ts';
import {
  createEvent,
  customChallenge,
  defineEvent,
  passwordVerifier,
  type SessionEntry,
  srpA,
  verifyEvent,
} from './events.ts';

/** SES as the ready Create handler uses it: every email it sends is kept here. */
const ses = vi.hoisted(() => {
  const sent: { to: string; body: string }[] = [];
  class SESv2Client {
    async send(command: { input: SentEmail }) {
      sent.push({
        to: command.input.Destination.ToAddresses[0] ?? '',
        body: command.input.Content.Simple.Body.Text.Data,
      });
      return { MessageId: `message-${sent.length}` };
    }
  }
  interface SentEmail {
    Destination: { ToAddresses: string[] };
    Content: { Simple: { Body: { Text: { Data: string } } } };
  }
  class SendEmailCommand {
    constructor(readonly input: SentEmail) {}
  }
  return { sent, SESv2Client, SendEmailCommand };
});
vi.mock('@aws-sdk/client-sesv2', () => ({
  SESv2Client: ses.SESv2Client,
  SendEmailCommand: ses.SendEmailCommand,
}));

/** SNS as the ready Create handler uses it to text codes: every message is kept here. */
const sns = vi.hoisted(() => {
  const texts: { to: string; text: string }[] = [];
  class SNSClient {
    async send(command: { input: { PhoneNumber: string; Message: string } }) {
      texts.push({ to: command.input.PhoneNumber, text: command.input.Message });
      return { MessageId: `text-${texts.length}` };
    }
  }
  class PublishCommand {
    constructor(readonly input: unknown) {}
  }
  return { texts, SNSClient, PublishCommand };
});
vi.mock('@aws-sdk/client-sns', () => ({
  SNSClient: sns.SNSClient,
  PublishCommand: sns.PublishCommand,
}));

/** Secrets Manager holding one secret, as the CDK construct generates it; every read is counted. */
const secrets = vi.hoisted(() => {
  const store = { reads: [] as string[], value: '' };
  class SecretsManagerClient {
    async send(command: { input: { SecretId: string } }) {
      store.reads.push(command.input.SecretId);
      return { SecretString: store.value };
    }
  }
  class GetSecretValueCommand {
    constructor(readonly input: { SecretId: string }) {}
  }
  return { store, SecretsManagerClient, GetSecretValueCommand };
});
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: secrets.SecretsManagerClient,
  GetSecretValueCommand: secrets.GetSecretValueCommand,
}));

const { createAuthChallenge, defineAuthChallenge, verifyAuthChallengeResponse } = await import(
  '../../src/triggers/index.ts'
);

/** The code in the newest email the Create handler sent, alone on its line. */
function lastCode(): string {
  const body = ses.sent.at(-1)?.body ?? '';
  return /^(\d{4,12})$/m.exec(body)?.[1] ?? '';
}

/**
 * An account of its own for each sign-in: the limits count codes per account (its sub) across
 * sign-ins, in this process's memory when no table is set.
 */
let signIns = 0;
const nextUser = () => {
  const userName = `user${++signIns}`;
  return {
    userName,
    userAttributes: {
      sub: `sub-${userName}`,
      email: `${userName}@example.com`,
      email_verified: 'true',
    },
  };
};

/**
 * One sign-in as Cognito runs it through the three ready handlers: Define decides, Create
 * issues the code, Verify checks the answer, until Define issues tokens or fails.
 * `opening` is what the client starts with: nothing (CUSTOM_WITHOUT_SRP) or SRP_A.
 */
type CreateResult = Awaited<ReturnType<typeof createAuthChallenge>>;

/** What the client answers a round with: a link request, or the code last sent. */
function answerOf(
  created: { response: { challengeMetadata: string } },
  clientMetadata?: Record<string, string>,
): string {
  // A magic link's first round asks which page the link opens; the kit's client answers it.
  return created.response.challengeMetadata.endsWith(':ASK') && clientMetadata?.redirectUri
    ? `link:${clientMetadata.redirectUri}`
    : lastCode();
}

async function signIn(
  opening: SessionEntry[],
  clientMetadata?: Record<string, string>,
  user = nextUser(),
  answer: typeof answerOf = answerOf,
): Promise<'tokens' | 'failed'> {
  const session = [...opening];
  for (let round = 0; round < 5; round++) {
    const { response } = await defineAuthChallenge(defineEvent(session, user));
    if (response.issueTokens) return 'tokens';
    if (response.failAuthentication) return 'failed';
    if (response.challengeName === 'PASSWORD_VERIFIER') {
      // Cognito checks the password itself; the triggers only see the result.
      session.push(passwordVerifier(true));
      continue;
    }
    expect(response.challengeName).toBe('CUSTOM_CHALLENGE');
    const asked = createEvent(session, user);
    const created = await createAuthChallenge({
      ...asked,
      request: { ...asked.request, clientMetadata },
    });
    const verified = await verifyAuthChallengeResponse(
      verifyEvent(
        answer(created, clientMetadata),
        created.response.privateChallengeParameters,
        user,
      ),
    );
    session.push(
      customChallenge(verified.response.answerCorrect, created.response.challengeMetadata),
    );
  }
  throw new Error('The sign-in went on for more rounds than any flow has.');
}

describe('the ready handlers', () => {
  beforeEach(() => {
    vi.stubEnv('CUSTOM_AUTH_SENDER_EMAIL', 'no-reply@example.com');
    ses.sent.length = 0;
  });
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ['unset', undefined, []],
    ['passwordless', 'passwordless', []],
    ['passwordThenCode', 'passwordThenCode', [srpA]],
    ['either, with a password', 'either', [srpA]],
    ['either, without one', 'either', []],
  ] as const)(
    'sign in through Define, Create and Verify with CUSTOM_AUTH_FLOW %s',
    async (_, flow, opening) => {
      vi.stubEnv('CUSTOM_AUTH_FLOW', flow);
      expect(await signIn([...opening])).toBe('tokens');
      expect(ses.sent).toEqual([{ to: `user${signIns}@example.com`, body: expect.any(String) }]);
    },
  );

  it('all three follow CUSTOM_AUTH_FLOW: passwordThenCode asks for the password first', async () => {
    vi.stubEnv('CUSTOM_AUTH_FLOW', 'passwordThenCode');
    // A passwordless opening is not this flow's: Define fails it, so nothing is sent.
    expect(await signIn([])).toBe('failed');
    expect(ses.sent).toEqual([]);
    // Create numbers the code step after the password, as the client shows it.
    const created = await createAuthChallenge(
      createEvent([srpA, passwordVerifier(true)], nextUser()),
    );
    expect(created.response.publicChallengeParameters).toMatchObject({ step: '2', steps: '2' });
  });

  it.each([
    ['Define', () => defineAuthChallenge(defineEvent([srpA]))],
    ['Create', () => createAuthChallenge(createEvent([]))],
    ['Verify', () => verifyAuthChallengeResponse(verifyEvent('123456', { step: '0' }))],
  ])('%s refuses a CUSTOM_AUTH_FLOW that names no flow, on every call', async (_, call) => {
    vi.stubEnv('CUSTOM_AUTH_FLOW', 'passwordThenCod');
    const message =
      'CUSTOM_AUTH_FLOW must be one of passwordless, passwordThenCode, either, got passwordThenCod.';
    await expect(call()).rejects.toThrow(message);
    await expect(call()).rejects.toThrow(message);
    expect(ses.sent).toEqual([]);
  });

  describe('with a chain in CUSTOM_AUTH_STEPS', () => {
    const page = 'https://app.example.com/sign-in';
    const keys = { id: 'k1', secret: 's'.repeat(43) };

    beforeEach(() => {
      secrets.store.reads.length = 0;
    });

    it('runs the chain: the password, then a code of the length it names', async () => {
      vi.stubEnv(
        'CUSTOM_AUTH_STEPS',
        JSON.stringify([{ type: 'password' }, { type: 'code', codeLength: 8 }]),
      );
      expect(await signIn([])).toBe('failed');
      expect(await signIn([srpA])).toBe('tokens');
      expect(lastCode()).toMatch(/^\d{8}$/);
    });

    it('texts the code to the verified phone number when the chain says sms', async () => {
      vi.stubEnv('CUSTOM_AUTH_STEPS', '[{"type":"code","deliver":"sms"}]');
      const user = nextUser();
      const withPhone = {
        ...user,
        userAttributes: {
          ...user.userAttributes,
          phone_number: '+447700900123',
          phone_number_verified: 'true',
        },
      };
      const created = await createAuthChallenge(createEvent([], withPhone));
      expect(created.response.publicChallengeParameters).toMatchObject({
        deliveryMedium: 'SMS',
      });
      expect(sns.texts.at(-1)?.to).toBe('+447700900123');
      expect(ses.sent).toEqual([]);
      const code = /^(\d{6}) is your sign-in code/.exec(sns.texts.at(-1)?.text ?? '')?.[1] ?? '';
      const verified = await verifyAuthChallengeResponse(
        verifyEvent(code, created.response.privateChallengeParameters, withPhone),
      );
      expect(verified.response.answerCorrect).toBe(true);
    });

    it('enrols a passkey after a code, then signs in with it alone', async () => {
      const passkeys = { rpId: 'example.com', origins: ['https://app.example.com'] };
      vi.stubEnv('CUSTOM_AUTH_PASSKEYS', JSON.stringify(passkeys));
      const authenticator = softwareAuthenticator({
        origin: passkeys.origins[0] ?? '',
        rpId: passkeys.rpId,
      });
      const ceremony: typeof answerOf = (created) => {
        const { type, publicKey } = (created as CreateResult).response.publicChallengeParameters;
        if (type === 'passkeyEnrollment')
          return JSON.stringify(authenticator.register(JSON.parse(publicKey ?? '')));
        if (type === 'passkey')
          return JSON.stringify(authenticator.assert(JSON.parse(publicKey ?? '')));
        return lastCode();
      };
      const user = nextUser();
      vi.stubEnv('CUSTOM_AUTH_STEPS', '[{"type":"code"},{"type":"passkeyEnrollment"}]');
      expect(await signIn([], undefined, user, ceremony)).toBe('tokens');
      expect(authenticator.passkeys).toHaveLength(1);
      vi.stubEnv('CUSTOM_AUTH_STEPS', '[{"type":"passkey"}]');
      ses.sent.length = 0;
      expect(await signIn([], undefined, user, ceremony)).toBe('tokens');
      expect(ses.sent).toEqual([]);
      // Another account has no passkey, so this one's signature does not sign it in.
      expect(await signIn([], undefined, nextUser(), ceremony)).toBe('failed');
    });

    it('refuses a passkey step without passkey settings, saying where they go', async () => {
      vi.stubEnv('CUSTOM_AUTH_STEPS', '[{"type":"passkey"}]');
      await expect(defineAuthChallenge(defineEvent([]))).rejects.toThrow(
        "steps[0] (passkey): A passkey step needs the passkey settings: the construct's passkeys prop, or CUSTOM_AUTH_PASSKEYS",
      );
    });

    it('mails a sign-in link with keys read once from the secret the environment names', async () => {
      vi.stubEnv(
        'CUSTOM_AUTH_STEPS',
        JSON.stringify([{ type: 'magicLink', redirectUris: [page] }]),
      );
      vi.stubEnv('CUSTOM_AUTH_LINK_KEYS_SECRET', 'arn:aws:secretsmanager:eu-west-1:1:secret:keys');
      secrets.store.value = JSON.stringify(keys);
      expect(await signIn([], { redirectUri: page })).toBe('tokens');
      expect(await signIn([], { redirectUri: page })).toBe('tokens');
      expect(ses.sent.at(-1)?.body).toContain(`${page}#`);
      expect(secrets.store.reads).toEqual(['arn:aws:secretsmanager:eu-west-1:1:secret:keys']);
    });

    it('sends no link to a page the chain does not list', async () => {
      vi.stubEnv(
        'CUSTOM_AUTH_STEPS',
        JSON.stringify([{ type: 'magicLink', redirectUris: [page] }]),
      );
      vi.stubEnv('CUSTOM_AUTH_LINK_KEYS', `${keys.id}:${keys.secret}`);
      expect(await signIn([], { redirectUri: 'https://elsewhere.example/' })).toBe('failed');
      expect(ses.sent).toEqual([]);
    });

    it.each([
      ['not JSON', '[{type:code}]', /CUSTOM_AUTH_STEPS must be a JSON list of steps/],
      ['an empty list', '[]', /at least one step/],
      [
        'an unknown type',
        '[{"type":"sms"}]',
        /steps\[0\] must be an object whose type is one of password, code, magicLink/,
      ],
      [
        'an unknown option',
        '[{"type":"code","length":8}]',
        /steps\[0\] \(code\) has no option length; it takes deliver, webOtpDomain, codeLength/,
      ],
      ['a bad value', '[{"type":"code","codeLength":3}]', /steps\[0\] \(code\): codeLength/],
      [
        'a channel that only looks like one',
        '[{"type":"code","deliver":"__proto__"}]',
        /steps\[0\] \(code\): deliver must be email, sms or choice/,
      ],
      [
        'a hint that is no text',
        '[{"type":"code","hint":{}}]',
        /steps\[0\] \(code\): hint must be a string/,
      ],
      [
        'a link to an http page',
        '[{"type":"magicLink","redirectUris":["http://app.example.com/"]}]',
        /steps\[0\] \(magicLink\): Each of redirectUris/,
      ],
      ['a password after a code', '[{"type":"code"},{"type":"password"}]', /can only come first/],
    ])('refuses %s, naming what is wrong', async (_, value, message) => {
      vi.stubEnv('CUSTOM_AUTH_STEPS', value);
      await expect(defineAuthChallenge(defineEvent([]))).rejects.toThrow(message);
      await expect(createAuthChallenge(createEvent([]))).rejects.toThrow(message);
    });

    it('refuses a flow beside the chain', async () => {
      vi.stubEnv('CUSTOM_AUTH_STEPS', '[{"type":"code"}]');
      vi.stubEnv('CUSTOM_AUTH_FLOW', 'passwordless');
      await expect(defineAuthChallenge(defineEvent([]))).rejects.toThrow(
        'Set CUSTOM_AUTH_STEPS or CUSTOM_AUTH_FLOW, not both',
      );
    });
  });
});
