import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

const { createAuthChallenge, defineAuthChallenge, verifyAuthChallengeResponse } = await import(
  '../../src/triggers/index.ts'
);

/** The code in the newest email the Create handler sent. */
function lastCode(): string {
  const body = ses.sent.at(-1)?.body ?? '';
  return /\b(\d{6})\b/.exec(body)?.[1] ?? '';
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
async function signIn(opening: SessionEntry[]): Promise<'tokens' | 'failed'> {
  const session = [...opening];
  const user = nextUser();
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
    const created = await createAuthChallenge(createEvent(session, user));
    const verified = await verifyAuthChallengeResponse(
      verifyEvent(lastCode(), created.response.privateChallengeParameters, user),
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
});
