import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  computePasswordVerifier,
  createPasswordVerifier,
  createSecretBlock,
  isCognitoTimestamp,
  type PasswordClaim,
  parseCognitoTimestamp,
  poolNameFromUserPoolId,
  startPasswordVerification,
  toPaddedHex,
  verifyPasswordClaim,
} from '../../src/local-pool/sign-in/srp.ts';
import {
  answerPasswordVerifier,
  clientVerifier,
  cognitoTimestamp,
  javaBytes,
  PRIME,
  serverPublicValue,
  startClient,
} from '../support/srp-client.ts';

interface AmplifyBigInteger {
  toString(radix: number): string;
}
type AmplifyBigIntegerClass = new (value: string, radix: number) => AmplifyBigInteger;
interface AmplifyAuthenticationHelper {
  A: AmplifyBigInteger;
  getPasswordAuthenticationKey(input: {
    username: string;
    password: string;
    serverBValue: AmplifyBigInteger;
    salt: AmplifyBigInteger;
  }): Promise<Uint8Array>;
}
interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  userPoolEndpoint: string;
}
interface TokenOrchestrator {
  getDeviceMetadata(username: string): Promise<null>;
}

// The package's exports map hides these modules, so they are loaded by file path.
const amplifyEsm = join(
  import.meta.dirname,
  '..',
  '..',
  'node_modules',
  '@aws-amplify',
  'auth',
  'dist',
  'esm',
);
const loadAmplify = (path: string): Promise<Record<string, unknown>> =>
  import(pathToFileURL(join(amplifyEsm, path)).href);
const srpDir = 'providers/cognito/utils/srp';
const [
  bigIntegerModule,
  helperModule,
  calculateModule,
  srpIndex,
  paddedHexModule,
  constants,
  passwordSrpModule,
  signInHelpers,
] = await Promise.all([
  loadAmplify(`${srpDir}/BigInteger/BigInteger.mjs`),
  loadAmplify(`${srpDir}/AuthenticationHelper/AuthenticationHelper.mjs`),
  loadAmplify(`${srpDir}/calculate/calculateA.mjs`),
  loadAmplify(`${srpDir}/index.mjs`),
  loadAmplify(`${srpDir}/getPaddedHex.mjs`),
  loadAmplify(`${srpDir}/constants.mjs`),
  loadAmplify('client/flows/shared/handlePasswordSRP.mjs'),
  loadAmplify('providers/cognito/utils/signInHelpers.mjs'),
]);
const amplify = {
  BigInteger: bigIntegerModule.default as AmplifyBigIntegerClass,
  AuthenticationHelper: helperModule.default as new (input: {
    userPoolName: string;
    a: AmplifyBigInteger;
    g: AmplifyBigInteger;
    A: AmplifyBigInteger;
    N: AmplifyBigInteger;
  }) => AmplifyAuthenticationHelper,
  calculateA: calculateModule.calculateA as (input: {
    a: AmplifyBigInteger;
    g: AmplifyBigInteger;
    N: AmplifyBigInteger;
  }) => Promise<AmplifyBigInteger>,
  getAuthenticationHelper: srpIndex.getAuthenticationHelper as (
    userPoolName: string,
  ) => Promise<AmplifyAuthenticationHelper>,
  getSignatureString: srpIndex.getSignatureString as (input: {
    userPoolName: string;
    username: string;
    challengeParameters: { SECRET_BLOCK: string };
    dateNow: string;
    hkdf: Uint8Array;
  }) => string,
  getNowString: srpIndex.getNowString as () => string,
  getPaddedHex: paddedHexModule.getPaddedHex as (value: AmplifyBigInteger) => string,
  INIT_N: constants.INIT_N as string,
  handlePasswordSRP: passwordSrpModule.handlePasswordSRP as (input: {
    username: string;
    password: string;
    clientMetadata?: Record<string, string>;
    config: CognitoConfig;
    tokenOrchestrator: TokenOrchestrator;
    authFlow: 'USER_SRP_AUTH';
  }) => Promise<unknown>,
  handleCustomSRPAuthFlow: signInHelpers.handleCustomSRPAuthFlow as (
    username: string,
    password: string,
    clientMetadata: Record<string, string> | undefined,
    config: CognitoConfig,
    tokenOrchestrator: TokenOrchestrator,
  ) => Promise<unknown>,
};

const bigInteger = (value: bigint) => new amplify.BigInteger(value.toString(16), 16);

// The server treats every A alike, so a 64-bit client exponent keeps g^a cheap without
// weakening what is tested.
const cheapClientSecret = () => BigInt(`0x${randomBytes(8).toString('hex')}`) || 1n;

const topBitSet = (value: bigint) => value !== 0n && javaBytes(value)[0] === 0;
const byteLength = (value: bigint) => javaBytes(value).length;

/** One full exchange: the server's records and challenge, and the client's answer. */
function exchange(input: {
  poolName: string;
  userIdForSrp: string;
  password: string;
  attempt?: string;
  a?: bigint;
  timestamp?: string;
}) {
  const { poolName, userIdForSrp, password } = input;
  const stored = createPasswordVerifier(poolName, userIdForSrp, password);
  const client = startClient(input.a ?? cheapClientSecret());
  const challenge = startPasswordVerification(stored.verifier);
  const secretBlock = createSecretBlock();
  const answer = answerPasswordVerifier({
    poolName,
    password: input.attempt ?? password,
    a: client.a,
    challenge: {
      SALT: stored.salt,
      SRP_B: challenge.srpB,
      SECRET_BLOCK: secretBlock,
      USER_ID_FOR_SRP: userIdForSrp,
    },
    ...(input.timestamp === undefined ? {} : { timestamp: input.timestamp }),
  });
  const claim: PasswordClaim = {
    poolName,
    userIdForSrp,
    verifier: stored.verifier,
    serverSecret: challenge.serverSecret,
    srpA: client.srpA,
    srpB: challenge.srpB,
    secretBlock,
    timestamp: answer.responses.TIMESTAMP,
    signature: answer.responses.PASSWORD_CLAIM_SIGNATURE,
  };
  return { stored, claim, answer };
}

/** What Amplify's own client signs for a PASSWORD_VERIFIER challenge. */
async function amplifyAnswer(input: {
  helper: AmplifyAuthenticationHelper;
  poolName: string;
  userIdForSrp: string;
  password: string;
  salt: string;
  srpB: string;
  secretBlock: string;
}) {
  const hkdf = await input.helper.getPasswordAuthenticationKey({
    username: input.userIdForSrp,
    password: input.password,
    serverBValue: new amplify.BigInteger(input.srpB, 16),
    salt: new amplify.BigInteger(input.salt, 16),
  });
  const timestamp = amplify.getNowString();
  const signature = amplify.getSignatureString({
    userPoolName: input.poolName,
    username: input.userIdForSrp,
    challengeParameters: { SECRET_BLOCK: input.secretBlock },
    dateNow: timestamp,
    hkdf,
  });
  return { timestamp, signature };
}

const identityText = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.string({ minLength: 1, maxLength: 24 }),
);
const passwordText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 32 }),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.string({ maxLength: 32 }),
);
const poolNames = fc.stringMatching(/^[A-Za-z0-9]{9}$/);

describe('toPaddedHex', () => {
  it.each([
    [0n, '00'],
    [1n, '01'],
    [0x7fn, '7f'],
    [0x80n, '0080'],
    [0xffn, '00ff'],
    [0x100n, '0100'],
    [0xabcn, '0abc'],
    [0x7abcn, '7abc'],
    [0x8abcn, '008abc'],
    [2n ** 3071n, `0080${'00'.repeat(383)}`],
  ])('writes %s as %s', (value, hex) => {
    expect(toPaddedHex(value)).toBe(hex);
  });

  it('agrees with Amplify getPaddedHex and with Java byte layout', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 3100n }), (value) => {
        const hex = toPaddedHex(value);
        expect(hex).toBe(amplify.getPaddedHex(bigInteger(value)));
        expect(hex).toBe(Buffer.from(javaBytes(value)).toString('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses negative numbers', () => {
    expect(() => toPaddedHex(-1n)).toThrow(RangeError);
  });
});

describe('poolNameFromUserPoolId', () => {
  it('takes the part after the underscore, as Amplify does', () => {
    expect(poolNameFromUserPoolId('us-east-1_AbC123xyZ')).toBe('AbC123xyZ');
    expect(poolNameFromUserPoolId('local_a_b')).toBe('a');
    expect(poolNameFromUserPoolId('no-underscore')).toBe('');
  });
});

describe('password verifiers', () => {
  it('uses the RFC 3526 group Amplify uses', () => {
    expect(PRIME.toString(16).toUpperCase()).toBe(amplify.INIT_N);
  });

  it.each([
    ['a one-byte salt', '01'],
    ['an odd-length salt', 'abc'],
    ['leading zero bytes', '000f1e2d3c4b5a69788796a5b4c3d2e1'],
    ['the top bit set', '80aa55aa55aa55aa55aa55aa55aa55aa'],
    ['upper case', 'DEADBEEFDEADBEEFDEADBEEFDEADBEEF'],
  ])('matches the client for %s', (_label, salt) => {
    const verifier = computePasswordVerifier('AbC123xyZ', 'alice', 'pässwörd 🔑', salt);
    expect(BigInt(`0x${verifier}`)).toBe(clientVerifier('AbC123xyZ', 'alice', 'pässwörd 🔑', salt));
    expect(computePasswordVerifier('AbC123xyZ', 'alice', 'pässwörd 🔑', `00${salt}`)).toBe(
      verifier,
    );
  });

  it('hashes pool name, user id, ":" and password as one plain UTF-8 string', () => {
    const salt = '0123456789abcdef0123456789abcdef';
    const reference = computePasswordVerifier('pool', 'a:b', 'c', salt);
    expect(computePasswordVerifier('pool', 'a', 'b:c', salt)).toBe(reference);
    expect(computePasswordVerifier('poo', 'la:b', 'c', salt)).toBe(reference);
    expect(computePasswordVerifier('pool', 'a:b', 'C', salt)).not.toBe(reference);
  });

  it('refuses a salt that is not hex', () => {
    expect(() => computePasswordVerifier('pool', 'alice', 'pw', 'salt')).toThrow(TypeError);
    expect(() => computePasswordVerifier('pool', 'alice', 'pw', '')).toThrow(TypeError);
  });

  it('draws a fresh canonical 16-byte salt and keeps no trace of the password', () => {
    const first = createPasswordVerifier('AbC123xyZ', 'alice', 'hunter2-hunter2');
    const second = createPasswordVerifier('AbC123xyZ', 'alice', 'hunter2-hunter2');
    for (const { salt, verifier } of [first, second]) {
      const saltValue = BigInt(`0x${salt}`);
      expect(salt).toBe(toPaddedHex(saltValue));
      expect(saltValue < 2n ** 128n).toBe(true);
      expect(BigInt(`0x${verifier}`)).toBe(
        clientVerifier('AbC123xyZ', 'alice', 'hunter2-hunter2', salt),
      );
    }
    expect(first.salt).not.toBe(second.salt);
    expect(first.verifier).not.toBe(second.verifier);
    expect(Object.keys(first).sort()).toEqual(['salt', 'verifier']);
    expect(JSON.stringify(first)).not.toContain('hunter2');
  });
});

describe('startPasswordVerification', () => {
  it('computes B = (k·v + g^b) mod N from a fresh secret of at most 256 bits', () => {
    const { verifier } = createPasswordVerifier('AbC123xyZ', 'alice', 'pw');
    const first = startPasswordVerification(verifier);
    const second = startPasswordVerification(verifier);
    for (const { serverSecret, srpB } of [first, second]) {
      const b = BigInt(`0x${serverSecret}`);
      const B = BigInt(`0x${srpB}`);
      expect(b > 0n && b < 2n ** 256n).toBe(true);
      expect(B > 0n && B < PRIME).toBe(true);
      expect(B).toBe(serverPublicValue(BigInt(`0x${verifier}`), b));
    }
    expect(first.serverSecret).not.toBe(second.serverSecret);
  });

  it.each(['', 'zz', '0', PRIME.toString(16)])('refuses the verifier %j', (verifier) => {
    expect(() => startPasswordVerification(verifier)).toThrow(TypeError);
  });
});

describe('createSecretBlock', () => {
  it('returns fresh standard base64', () => {
    const first = createSecretBlock();
    expect(first).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(first, 'base64').toString('base64')).toBe(first);
    expect(Buffer.from(first, 'base64').length).toBeGreaterThanOrEqual(32);
    expect(createSecretBlock()).not.toBe(first);
  });
});

describe('verifyPasswordClaim with the independent client', () => {
  it('verifies hundreds of random pools, users and passwords', () => {
    const hits = { A: 0, B: 0, S: 0, u: 0, salt: 0, oddA: 0 };
    fc.assert(
      fc.property(
        poolNames,
        identityText,
        passwordText,
        fc.bigInt({ min: 1n, max: 2n ** 64n }),
        (poolName, userIdForSrp, password, a) => {
          const { stored, claim, answer } = exchange({ poolName, userIdForSrp, password, a });
          hits.A += Number(topBitSet(answer.A));
          hits.B += Number(topBitSet(answer.B));
          hits.S += Number(topBitSet(answer.S));
          hits.u += Number(topBitSet(answer.u));
          hits.salt += Number(topBitSet(BigInt(`0x${stored.salt}`)));
          hits.oddA += claim.srpA.length % 2;
          expect(answer.responses.USERNAME).toBe(userIdForSrp);
          expect(verifyPasswordClaim(claim)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    for (const count of Object.values(hits)) expect(count).toBeGreaterThan(0);
  }, 60_000);

  // Found by search, so that each padding case is hit on every run rather than by chance.
  const fixture = {
    poolName: 'AbC123xyZ',
    userIdForSrp: '7d9f3c2e-1b4a-4c6e-9f00-0123456789ab',
    password: 'correct horse battery staple',
    salt: '000f1e2d3c4b5a69788796a5b4c3d2e1',
    serverSecret: '4558a7655466ea2e6d5ecceeaa0fd1a5ee35ffda10af4bac8b357252619d670d',
  };
  it.each([
    ['A and u', 0x6a4486fb67faed0c1007b3ee58724859b50c8b5739533beb3380240df63f69n],
    ['S', 0xa453e77eec3a0c0ce17de8e7bf3ec12c5f53e882426ce286ebd389d3ee8ce33bn],
  ])(
    'verifies when salt, B and %s have fewer bytes than usual, for both clients',
    async (label, a) => {
      const { poolName, userIdForSrp, password, salt, serverSecret } = fixture;
      const verifier = computePasswordVerifier(poolName, userIdForSrp, password, salt);
      const B = serverPublicValue(BigInt(`0x${verifier}`), BigInt(`0x${serverSecret}`));
      const srpB = B.toString(16);
      const secretBlock = createSecretBlock();
      const { srpA } = startClient(a);
      const answer = answerPasswordVerifier({
        poolName,
        password,
        a,
        challenge: {
          SALT: salt,
          SRP_B: srpB,
          SECRET_BLOCK: secretBlock,
          USER_ID_FOR_SRP: userIdForSrp,
        },
      });
      expect(byteLength(BigInt(`0x${salt}`))).toBeLessThan(16);
      expect(byteLength(B)).toBeLessThan(384);
      if (label === 'S') {
        expect(byteLength(answer.S)).toBeLessThan(384);
      } else {
        expect(byteLength(answer.A)).toBeLessThan(384);
        expect(byteLength(answer.u)).toBeLessThan(32);
      }
      const claim = { poolName, userIdForSrp, verifier, serverSecret, srpA, srpB, secretBlock };
      const fromClient = {
        timestamp: answer.responses.TIMESTAMP,
        signature: answer.responses.PASSWORD_CLAIM_SIGNATURE,
      };
      expect(verifyPasswordClaim({ ...claim, ...fromClient })).toBe(true);

      const g = bigInteger(2n);
      const N = new amplify.BigInteger(amplify.INIT_N, 16);
      const A = await amplify.calculateA({ a: bigInteger(a), g, N });
      expect(A.toString(16)).toBe(srpA);
      const helper = new amplify.AuthenticationHelper({
        userPoolName: poolName,
        a: bigInteger(a),
        g,
        A,
        N,
      });
      const fromAmplify = await amplifyAnswer({
        helper,
        poolName,
        userIdForSrp,
        password,
        salt,
        srpB,
        secretBlock,
      });
      expect(verifyPasswordClaim({ ...claim, ...fromAmplify })).toBe(true);
    },
  );

  it('never verifies a wrong password', () => {
    fc.assert(
      fc.property(poolNames, identityText, passwordText, passwordText, (poolName, user, a, b) => {
        fc.pre(a !== b);
        const { claim } = exchange({ poolName, userIdForSrp: user, password: a, attempt: b });
        expect(verifyPasswordClaim(claim)).toBe(false);
      }),
      { numRuns: 15 },
    );
    for (const [password, attempt] of [
      ['Password1', 'password1'],
      ['Password1', 'Password1 '],
      ['caf\u00e9', 'cafe\u0301'],
      ['pw', ''],
      ['🔑🔑', '🔑'],
    ] as const) {
      const { claim } = exchange({
        poolName: 'AbC123xyZ',
        userIdForSrp: 'alice',
        password,
        attempt,
      });
      expect(verifyPasswordClaim(claim), `${password} / ${attempt}`).toBe(false);
    }
  }, 30_000);

  it('rejects a tampered secret block, timestamp, signature or other binding', () => {
    const timestamp = 'Fri Nov 6 09:05:03 UTC 2026';
    const input = { poolName: 'AbC123xyZ', userIdForSrp: 'alice', password: 'pw', timestamp };
    const { claim } = exchange(input);
    const other = exchange(input).claim;
    expect(verifyPasswordClaim(claim)).toBe(true);

    const block = Buffer.from(claim.secretBlock, 'base64');
    block[0] = (block[0] ?? 0) ^ 1;
    const signature = claim.signature;
    const swap = (index: number) =>
      signature.slice(0, index) +
      (signature[index] === 'A' ? 'B' : 'A') +
      signature.slice(index + 1);
    const patches: [string, Partial<PasswordClaim>][] = [
      ['another secret block', { secretBlock: createSecretBlock() }],
      ['a flipped secret block bit', { secretBlock: block.toString('base64') }],
      ['a truncated secret block', { secretBlock: claim.secretBlock.slice(0, 44) }],
      ['one second later', { timestamp: 'Fri Nov 6 09:05:04 UTC 2026' }],
      ['a zero-padded day', { timestamp: 'Fri Nov 06 09:05:03 UTC 2026' }],
      ['a changed first character', { signature: swap(0) }],
      ['a changed middle character', { signature: swap(21) }],
      ['no padding', { signature: signature.replace(/=+$/, '') }],
      ['truncated', { signature: signature.slice(0, 40) }],
      ['empty', { signature: '' }],
      ['not base64', { signature: '!'.repeat(signature.length) }],
      ['non-ASCII', { signature: `${signature.slice(0, 43)}é` }],
      ['a signature from another attempt', { signature: other.signature }],
      ['another user id', { userIdForSrp: 'Alice' }],
      ['another pool', { poolName: 'AbC123xyz' }],
      ['another verifier', { verifier: other.verifier }],
      ['another server secret', { serverSecret: other.serverSecret }],
      ['another B', { srpB: other.srpB }],
      ['another A', { srpA: other.srpA }],
    ];
    for (const [label, patch] of patches) {
      expect(verifyPasswordClaim({ ...claim, ...patch }), label).toBe(false);
    }
  });

  it('returns false for a malformed A without throwing', () => {
    const { claim } = exchange({ poolName: 'AbC123xyZ', userIdForSrp: 'alice', password: 'pw' });
    expect(verifyPasswordClaim(claim)).toBe(true);
    for (const srpA of [
      '',
      '0',
      '00',
      PRIME.toString(16),
      (PRIME * 2n).toString(16),
      (PRIME * 7n).toString(16),
      'xyz',
      '0x12',
      ' 12',
      '12 ',
      '-1',
      'f'.repeat(5000),
      undefined as unknown as string,
      42 as unknown as string,
    ]) {
      expect(verifyPasswordClaim({ ...claim, srpA }), String(srpA).slice(0, 20)).toBe(false);
    }
  });

  it('returns false for other malformed fields without throwing', () => {
    const { claim } = exchange({ poolName: 'AbC123xyZ', userIdForSrp: 'alice', password: 'pw' });
    expect(verifyPasswordClaim(claim)).toBe(true);
    const patches: Partial<Record<keyof PasswordClaim, unknown>>[] = [
      { secretBlock: '' },
      { secretBlock: 'not base64!' },
      { secretBlock: 'abc=def' },
      { srpB: '0' },
      { srpB: PRIME.toString(16) },
      { verifier: 'zz' },
      { serverSecret: '' },
      { timestamp: undefined },
      { signature: null },
    ];
    for (const patch of patches) {
      expect(
        verifyPasswordClaim({ ...claim, ...patch } as PasswordClaim),
        JSON.stringify(patch),
      ).toBe(false);
    }
  });
});

describe("verifyPasswordClaim with Amplify's client", () => {
  it.each([
    ['alice', 'Tr0ub4dor&3'],
    ['Ünïcödé-用户', 'パスワード 🔐 with spaces'],
    ['7d9f3c2e-1b4a-4c6e-9f00-0123456789ab', 'e\u0301\u0000\uD800:colon:'],
  ])(
    'verifies %s',
    async (userIdForSrp, password) => {
      const poolName = 'AbC123xyZ';
      const stored = createPasswordVerifier(poolName, userIdForSrp, password);
      const helper = await amplify.getAuthenticationHelper(poolName);
      const challenge = startPasswordVerification(stored.verifier);
      const secretBlock = createSecretBlock();
      const claim = {
        poolName,
        userIdForSrp,
        verifier: stored.verifier,
        serverSecret: challenge.serverSecret,
        srpA: helper.A.toString(16),
        srpB: challenge.srpB,
        secretBlock,
      };
      const fromAmplify = await amplifyAnswer({
        helper,
        poolName,
        userIdForSrp,
        password,
        salt: stored.salt,
        srpB: challenge.srpB,
        secretBlock,
      });
      expect(isCognitoTimestamp(fromAmplify.timestamp)).toBe(true);
      expect(verifyPasswordClaim({ ...claim, ...fromAmplify })).toBe(true);
    },
    20_000,
  );
});

describe('Amplify sign-in flows against a fake endpoint using this module', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  interface CognitoRequest {
    target: string;
    body: {
      AuthFlow?: string;
      AuthParameters?: Record<string, string>;
      ChallengeName?: string;
      ChallengeResponses?: Record<string, string>;
      Session?: string;
    };
  }

  const poolName = 'AbC123xyZ';
  const config = {
    userPoolId: `us-east-1_${poolName}`,
    userPoolClientId: 'client-id',
    userPoolEndpoint: 'http://localhost:9229',
  };
  const tokenOrchestrator = { getDeviceMetadata: async () => null };
  const userIdForSrp = '7d9f3c2e-1b4a-4c6e-9f00-0123456789ab';
  const password = 'Sünny dåy 🌞';

  /** Answers InitiateAuth with PASSWORD_VERIFIER and checks the RespondToAuthChallenge. */
  function fakeUserPool() {
    const stored = createPasswordVerifier(poolName, userIdForSrp, password);
    const requests: CognitoRequest[] = [];
    const verdicts: boolean[] = [];
    let pending:
      | { serverSecret: string; srpB: string; srpA: string; secretBlock: string }
      | undefined;
    const reply = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
      });
    const fetch = async (_url: unknown, init: RequestInit) => {
      const target = new Headers(init.headers).get('x-amz-target') ?? '';
      const body = JSON.parse(String(init.body)) as CognitoRequest['body'];
      requests.push({ target, body });
      if (target.endsWith('.InitiateAuth')) {
        const challenge = startPasswordVerification(stored.verifier);
        const secretBlock = createSecretBlock();
        pending = { ...challenge, srpA: body.AuthParameters?.SRP_A ?? '', secretBlock };
        return reply(200, {
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: 'session-1',
          ChallengeParameters: {
            SALT: stored.salt,
            SRP_B: challenge.srpB,
            SECRET_BLOCK: secretBlock,
            USER_ID_FOR_SRP: userIdForSrp,
            USERNAME: userIdForSrp,
          },
        });
      }
      const responses = body.ChallengeResponses ?? {};
      const verified =
        pending !== undefined &&
        responses.PASSWORD_CLAIM_SECRET_BLOCK === pending.secretBlock &&
        verifyPasswordClaim({
          poolName,
          userIdForSrp,
          verifier: stored.verifier,
          serverSecret: pending.serverSecret,
          srpA: pending.srpA,
          srpB: pending.srpB,
          secretBlock: pending.secretBlock,
          timestamp: responses.TIMESTAMP ?? '',
          signature: responses.PASSWORD_CLAIM_SIGNATURE ?? '',
        });
      verdicts.push(verified);
      return verified
        ? reply(200, {
            ChallengeParameters: {},
            AuthenticationResult: { AccessToken: 'access', ExpiresIn: 3600, TokenType: 'Bearer' },
          })
        : reply(400, {
            __type: 'NotAuthorizedException',
            message: 'Incorrect username or password.',
          });
    };
    vi.stubGlobal('fetch', fetch);
    return { requests, verdicts };
  }

  function expectVerifierResponse(request: CognitoRequest | undefined) {
    expect(request?.target).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(request?.body.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(request?.body.Session).toBe('session-1');
    const responses = request?.body.ChallengeResponses ?? {};
    expect(Object.keys(responses).sort()).toEqual([
      'PASSWORD_CLAIM_SECRET_BLOCK',
      'PASSWORD_CLAIM_SIGNATURE',
      'TIMESTAMP',
      'USERNAME',
    ]);
    expect(responses.USERNAME).toBe(userIdForSrp);
    expect(isCognitoTimestamp(responses.TIMESTAMP ?? '')).toBe(true);
  }

  it('signs in with USER_SRP_AUTH', async () => {
    const pool = fakeUserPool();
    const result = await amplify.handlePasswordSRP({
      username: 'alice@example.com',
      password,
      config,
      tokenOrchestrator,
      authFlow: 'USER_SRP_AUTH',
    });
    expect(result).toMatchObject({ AuthenticationResult: { AccessToken: 'access' } });
    expect(pool.requests[0]?.body.AuthFlow).toBe('USER_SRP_AUTH');
    expect(Object.keys(pool.requests[0]?.body.AuthParameters ?? {}).sort()).toEqual([
      'SRP_A',
      'USERNAME',
    ]);
    expectVerifierResponse(pool.requests[1]);
    expect(pool.verdicts).toEqual([true]);
  }, 20_000);

  it('signs in with CUSTOM_AUTH starting with SRP_A', async () => {
    const pool = fakeUserPool();
    await amplify.handleCustomSRPAuthFlow('alice@example.com', password, undefined, config, {
      getDeviceMetadata: async () => null,
    });
    expect(pool.requests[0]?.body.AuthFlow).toBe('CUSTOM_AUTH');
    expect(pool.requests[0]?.body.AuthParameters).toMatchObject({
      USERNAME: 'alice@example.com',
      CHALLENGE_NAME: 'SRP_A',
    });
    expectVerifierResponse(pool.requests[1]);
    expect(pool.verdicts).toEqual([true]);
  }, 20_000);

  it('refuses a wrong password', async () => {
    const pool = fakeUserPool();
    await expect(
      amplify.handlePasswordSRP({
        username: 'alice@example.com',
        password: 'Sunny day 🌞',
        config,
        tokenOrchestrator,
        authFlow: 'USER_SRP_AUTH',
      }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expectVerifierResponse(pool.requests[1]);
    expect(pool.verdicts).toEqual([false]);
  }, 20_000);
});

describe('isCognitoTimestamp', () => {
  it('accepts what Amplify and the SDK format write, and parses it back', () => {
    expect(isCognitoTimestamp(amplify.getNowString())).toBe(true);
    for (let time = Date.UTC(2023, 0, 1); time < Date.UTC(2031, 0, 1); time += 7_777_777_000) {
      const date = new Date(time);
      const value = cognitoTimestamp(date);
      expect(parseCognitoTimestamp(value)?.getTime(), value).toBe(time);
    }
    expect(parseCognitoTimestamp('Thu Feb 29 00:00:00 UTC 2024')?.toISOString()).toBe(
      '2024-02-29T00:00:00.000Z',
    );
  });

  it.each([
    'Fri Nov 06 09:05:03 UTC 2026',
    'Tue Nov 6 09:05:03 UTC 2026',
    'Fri Nov 6 9:05:03 UTC 2026',
    'Fri Nov 6 09:05:03 GMT 2026',
    'Sat Feb 29 00:00:00 UTC 2025',
    'Mon Feb 30 00:00:00 UTC 2026',
    'Fri Nov 6 24:00:00 UTC 2026',
    'fri Nov 6 09:05:03 UTC 2026',
    'Fri Nov 6 09:05:03 UTC 2026 ',
    'Fri  Nov 6 09:05:03 UTC 2026',
    '2026-11-06T09:05:03Z',
    '',
  ])('rejects %j', (value) => {
    expect(isCognitoTimestamp(value)).toBe(false);
  });
});
