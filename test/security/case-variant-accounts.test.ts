import { describe, expect, it } from 'vitest';
import type { LocalPool } from '../../src/local-pool/index.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  latestCode,
  poolsForEachTest,
} from '../support/local-pool.ts';

const page = 'http://localhost:5173/app';
const start = poolsForEachTest({ flow: ['magicLink'] });

async function register(pool: LocalPool, Username: string) {
  const ClientId = pool.userPoolClientId;
  await cognitoPost(pool, 'SignUp', {
    ClientId,
    Username,
    Password: 'Correct-Horse-1',
    UserAttributes: [
      { Name: 'email', Value: `${Username.toLowerCase()}-${Username.length}@example.com` },
    ],
  });
  await cognitoPost(pool, 'ConfirmSignUp', {
    ClientId,
    Username,
    ConfirmationCode: latestCode(pool, Username),
  });
}

const respond = (pool: LocalPool, Session: unknown, USERNAME: string, ANSWER: string) =>
  cognitoPost(pool, 'RespondToAuthChallenge', {
    ClientId: pool.userPoolClientId,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session,
    ChallengeResponses: { USERNAME, ANSWER },
    ClientMetadata: { redirectUri: page },
  });

/** Asks for a link as the kit's client does; the token the email carried. */
async function requestLink(pool: LocalPool, username: string): Promise<string> {
  const started = await initiateCustomAuth(pool, username);
  const sent = await respond(pool, started.body.Session, username, `link:${page}`);
  expect(sent.body.ChallengeParameters).toMatchObject({ linkSent: 'true' });
  return pool.outbox(username).at(-1)?.link?.split('#')[1] ?? '';
}

/** Opens a link as the kit's client does: a fresh sign-in whose first answer is the token. */
async function openLink(pool: LocalPool, username: string, token: string) {
  const started = await initiateCustomAuth(pool, username);
  return respond(pool, started.body.Session, username, token);
}

describe.each([
  ['case-sensitive', true],
  ['case-insensitive', false],
])('two spellings of one name in a %s pool', (_, caseSensitive) => {
  it('never open each other’s account with a link, and never share its series', async () => {
    const pool = await start({ caseSensitive });
    await register(pool, 'alice');
    if (caseSensitive) await register(pool, 'Alice');
    const theirs = await requestLink(pool, 'alice');
    const opened = await openLink(pool, 'Alice', theirs);
    if (caseSensitive) {
      // "Alice" is another account: alice's link is refused, and signs in nobody.
      expect(opened.body).toMatchObject({ __type: 'UserLambdaValidationException' });
      expect(String(opened.body.message)).toContain('MagicLinkRefused reason=wrongUser');
      // Each account's newest link still works: one's request did not supersede the other's.
      const mine = await requestLink(pool, 'Alice');
      const again = await requestLink(pool, 'alice');
      expect((await openLink(pool, 'Alice', mine)).body).toHaveProperty('AuthenticationResult');
      expect((await openLink(pool, 'alice', again)).body).toHaveProperty('AuthenticationResult');
    } else {
      // One account, whatever the spelling typed.
      expect(opened.body).toHaveProperty('AuthenticationResult');
    }
  });

  it('count wrong answers per account, so one account’s wait is not the other’s', async () => {
    const pool = await start({ caseSensitive, limits: { maxWrongAnswers: 1 } });
    await register(pool, 'bob');
    if (caseSensitive) await register(pool, 'Bob');
    await requestLink(pool, 'bob');
    const started = await initiateCustomAuth(pool, 'bob');
    const link = await respond(pool, started.body.Session, 'bob', `link:${page}`);
    const wrong = await respond(pool, link.body.Session, 'bob', '000000');
    expect(String(wrong.body.message)).toContain('SignInLocked');
    const other = await initiateCustomAuth(pool, 'Bob');
    if (caseSensitive) expect(other.body).toHaveProperty('Session');
    else expect(String(other.body.message)).toContain('SignInLocked');
  });
});
