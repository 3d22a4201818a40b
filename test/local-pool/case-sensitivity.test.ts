import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/local-pool/cli/options.ts';
import { type LocalPool, startLocalPool } from '../../src/local-pool/index.ts';
import type { TriggerHandlers } from '../../src/local-pool/sign-in/trigger-runner.ts';
import {
  cognitoPost,
  initiateCustomAuth,
  latestCode,
  poolsForEachTest,
  signInOverHttp,
} from '../support/local-pool.ts';
import { startClient } from '../support/srp-client.ts';

const folders: string[] = [];
// Registered before the pools' hook, so it runs after they are closed and saved.
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const start = poolsForEachTest();

/** A pool the test closes itself, so that no later close writes into a removed folder. */
const startOwn = (options: Parameters<typeof startLocalPool>[0]) =>
  startLocalPool({ port: 0, log: () => {}, ...options });

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'local-pool-case-'));
  folders.push(folder);
  return folder;
}

/** SignUp and ConfirmSignUp over HTTP; the user's sub. */
async function register(pool: LocalPool, Username: string): Promise<string> {
  const ClientId = pool.userPoolClientId;
  const signedUp = await cognitoPost(pool, 'SignUp', {
    ClientId,
    Username,
    Password: 'Correct-Horse-1',
    UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
  });
  expect(signedUp).toMatchObject({ status: 200 });
  const confirmed = await cognitoPost(pool, 'ConfirmSignUp', {
    ClientId,
    Username,
    ConfirmationCode: latestCode(pool, Username),
  });
  expect(confirmed.status).toBe(200);
  return String(signedUp.body.UserSub);
}

function answer(pool: LocalPool, Session: unknown, USERNAME: string, ANSWER: string) {
  return cognitoPost(pool, 'RespondToAuthChallenge', {
    ClientId: pool.userPoolClientId,
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session,
    ChallengeResponses: { USERNAME, ANSWER },
  });
}

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

async function caseSensitivity(pool: LocalPool): Promise<unknown> {
  const described = await cognitoPost(pool, 'DescribeUserPool', { UserPoolId: pool.userPoolId });
  return (described.body.UserPool as { UsernameConfiguration: unknown }).UsernameConfiguration;
}

interface Seen {
  userName: string;
  userNotFound: boolean;
}

/** One question ("yes"), recording the username and userNotFound each Define sees. */
function recordingTriggers(seen: Seen[]): TriggerHandlers {
  return {
    defineAuthChallenge: async (event) => {
      seen.push({ userName: event.userName, userNotFound: event.request.userNotFound });
      const { session } = event.request;
      if (session.length === 0) event.response.challengeName = 'CUSTOM_CHALLENGE';
      else event.response.issueTokens = session.at(-1)?.challengeResult === true;
      event.response.failAuthentication = session.length > 0 && !event.response.issueTokens;
      return event;
    },
    createAuthChallenge: async (event) => event,
    verifyAuthChallengeResponse: async (event) => {
      event.response.answerCorrect = event.request.challengeAnswer === 'yes';
      return event;
    },
  };
}

describe('a case-sensitive pool', () => {
  it('keeps "Alice" and "alice" apart: own sub, own codes, own sign-in', async () => {
    const pool = await start({ caseSensitive: true });
    expect(await caseSensitivity(pool)).toEqual({ CaseSensitive: true });
    const upper = await register(pool, 'Alice');
    const lower = await register(pool, 'alice');
    expect(upper).not.toBe(lower);
    expect(pool.outbox('Alice').map(({ destination }) => destination)).toEqual([
      'Alice@example.com',
    ]);

    for (const [name, sub] of [
      ['alice', lower],
      ['Alice', upper],
    ] as const) {
      const tokens = await signInOverHttp(pool, name);
      expect(claimsOf(tokens?.AccessToken ?? '')).toMatchObject({ username: name, sub });
      const user = await cognitoPost(pool, 'GetUser', { AccessToken: tokens?.AccessToken });
      expect(user.body).toMatchObject({ Username: name });
    }
    expect(pool.outbox('alice').every(({ username }) => username === 'alice')).toBe(true);
  });

  it('does not let a session for "alice" be answered as "Alice"', async () => {
    const pool = await start({ caseSensitive: true });
    await register(pool, 'Alice');
    await register(pool, 'alice');
    const started = await initiateCustomAuth(pool, 'alice');
    expect(started.body.ChallengeParameters).toMatchObject({ USERNAME: 'alice' });
    const answered = await answer(pool, started.body.Session, 'Alice', latestCode(pool, 'alice'));
    expect(answered).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException' } });
  });

  it('gives the triggers the exact name, and a name in another case is nobody', async () => {
    const seen: Seen[] = [];
    const pool = await start({ caseSensitive: true, triggers: recordingTriggers(seen) });
    await register(pool, 'Alice');
    await initiateCustomAuth(pool, 'Alice');
    await initiateCustomAuth(pool, 'ALICE');
    expect(seen).toEqual([
      { userName: 'Alice', userNotFound: false },
      { userName: 'ALICE', userNotFound: true },
    ]);
  });
});

describe('a case-insensitive pool (the default)', () => {
  it('has one user per name in any case, and gives the triggers the stored name', async () => {
    const seen: Seen[] = [];
    const pool = await start({ triggers: recordingTriggers(seen) });
    expect(await caseSensitivity(pool)).toEqual({ CaseSensitive: false });
    await register(pool, 'Alice');
    const again = await cognitoPost(pool, 'SignUp', {
      ClientId: pool.userPoolClientId,
      Username: 'alice',
      Password: 'Correct-Horse-1',
      UserAttributes: [{ Name: 'email', Value: 'other@example.com' }],
    });
    expect(again.body).toMatchObject({ __type: 'UsernameExistsException' });

    const started = await initiateCustomAuth(pool, 'ALICE');
    expect(seen).toEqual([{ userName: 'Alice', userNotFound: false }]);
    expect(started.body.ChallengeParameters).toMatchObject({ USERNAME: 'Alice' });
    const answered = await answer(pool, started.body.Session, 'alice', 'yes');
    const { AccessToken } = answered.body.AuthenticationResult as { AccessToken: string };
    expect(claimsOf(AccessToken)).toMatchObject({ username: 'Alice' });
    expect(pool.outbox('aLiCe').map(({ username }) => username)).toEqual(['Alice']);
  });
});

describe('the setting in a data folder', () => {
  it('is kept with the data, and a pool asked for the other setting stops with a clear message', async () => {
    const dataDir = dataFolder();
    const first = await startOwn({ dataDir, caseSensitive: true });
    await register(first, 'Alice');
    await register(first, 'alice');
    await first.close();
    expect(JSON.parse(readFileSync(join(dataDir, 'pool.json'), 'utf8'))).toMatchObject({
      usernameConfiguration: { caseSensitive: true },
    });

    await expect(start({ dataDir, caseSensitive: false })).rejects.toThrow(
      /case-sensitive usernames.*cannot change/s,
    );
    const lines: string[] = [];
    const again = await start({ dataDir, log: (line) => lines.push(line) });
    expect(await caseSensitivity(again)).toEqual({ CaseSensitive: true });
    expect(lines.join('\n')).toMatch(/case-sensitive/);
    expect(await signInOverHttp(again, 'alice')).toHaveProperty('AccessToken');
  });

  it('reads data written before the setting existed as case-insensitive', async () => {
    const dataDir = dataFolder();
    await (await startOwn({ dataDir })).close();
    const file = join(dataDir, 'pool.json');
    const { usernameConfiguration, ...older } = JSON.parse(readFileSync(file, 'utf8'));
    expect(usernameConfiguration).toEqual({ caseSensitive: false });
    writeFileSync(file, JSON.stringify(older));
    await expect(start({ dataDir, caseSensitive: true })).rejects.toThrow(
      /case-insensitive usernames/,
    );
    expect(await caseSensitivity(await start({ dataDir }))).toEqual({ CaseSensitive: false });
  });

  it('is set from the CLI with --case-sensitive', () => {
    expect(parseCliOptions(['--case-sensitive'])).toMatchObject({ caseSensitive: true });
    expect(parseCliOptions([])).toMatchObject({ caseSensitive: undefined });
  });
});

describe('per-username counters follow the setting', () => {
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  it('count wrong confirmation codes per exact name in a case-sensitive pool', async () => {
    for (const caseSensitive of [true, false]) {
      const pool = await start({ caseSensitive });
      const ClientId = pool.userPoolClientId;
      const signUp = (Username: string, email: string) =>
        cognitoPost(pool, 'SignUp', {
          ClientId,
          Username,
          Password: 'Correct-Horse-1',
          UserAttributes: [{ Name: 'email', Value: email }],
        });
      const confirm = (Username: string, ConfirmationCode: string) =>
        cognitoPost(pool, 'ConfirmSignUp', { ClientId, Username, ConfirmationCode });
      await signUp('Bob', 'bob1@example.com');
      if (caseSensitive) await signUp('bob', 'bob2@example.com');
      // Five wrong codes lock "Bob" for the window.
      for (let attempt = 0; attempt < 5; attempt++) {
        await confirm('Bob', wrongFor(latestCode(pool, 'Bob')));
      }
      const other = await confirm('bob', latestCode(pool, 'bob'));
      expect({ caseSensitive, body: other.body }).toEqual({
        caseSensitive,
        body: caseSensitive
          ? {}
          : {
              __type: 'LimitExceededException',
              message: 'Attempt limit exceeded, please try after some time.',
            },
      });
    }
  });

  it('bound open sessions per exact name in a case-sensitive pool', async () => {
    const pool = await start({ caseSensitive: true, sessionLimits: { perUser: 2 } });
    await register(pool, 'Mallory');
    await register(pool, 'mallory');
    const kept = await initiateCustomAuth(pool, 'Mallory');
    for (let round = 0; round < 3; round++) await initiateCustomAuth(pool, 'mallory');
    const answered = await answer(pool, kept.body.Session, 'Mallory', latestCode(pool, 'Mallory'));
    expect(answered.body).toHaveProperty('AuthenticationResult');
  });

  it('count the built-in triggers’ messages to a name nobody has per exact spelling', async () => {
    for (const caseSensitive of [true, false]) {
      const pool = await start({ caseSensitive, limits: { maxCodes: 1 } });
      expect((await initiateCustomAuth(pool, 'Ghost')).status).toBe(200);
      expect((await initiateCustomAuth(pool, 'Ghost')).body).toMatchObject({
        message: expect.stringMatching(/SignInLocked/),
      });
      const other = await initiateCustomAuth(pool, 'ghost');
      expect({ caseSensitive, status: other.status }).toEqual({
        caseSensitive,
        status: caseSensitive ? 200 : 400,
      });
    }
  });

  it('give an unknown name in another case its own SRP salt in a case-sensitive pool', async () => {
    const saltsOf = async (caseSensitive: boolean) => {
      const pool = await start({ caseSensitive, flow: 'passwordThenCode' });
      const salt = async (USERNAME: string) => {
        const started = await cognitoPost(pool, 'InitiateAuth', {
          ClientId: pool.userPoolClientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME, SRP_A: startClient().srpA, CHALLENGE_NAME: 'SRP_A' },
        });
        return (started.body.ChallengeParameters as { SALT: string }).SALT;
      };
      return [await salt('Ghost'), await salt('ghost'), await salt('Ghost')];
    };
    const [upper, lower, again] = await saltsOf(true);
    expect(upper).toBe(again);
    expect(upper).not.toBe(lower);
    const [folded, foldedLower] = await saltsOf(false);
    expect(folded).toBe(foldedLower);
  });
});
