import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type LinkKey,
  linkKeysFromEnvironment,
} from '../../src/challenges/magic-link/server/link-keys.ts';
import { magicLinkTokens } from '../../src/challenges/magic-link/server/tokens.ts';
import {
  type AttemptStore,
  createMemoryAttemptStore,
} from '../../src/triggers/limits/attempt-store.ts';
import { createDynamoDbAttemptStore } from '../../src/triggers/limits/dynamodb-store.ts';
import { localDynamoDbForFile } from '../support/dynamodb.ts';

const pool = 'eu-west-1_AbC';
const start = Date.UTC(2026, 10, 26, 12);
const current: LinkKey = { id: 'k2', secret: 'a'.repeat(40) };
const previous: LinkKey = { id: 'k1', secret: 'b'.repeat(40) };

const dynamoDb = localDynamoDbForFile();
const stores: Array<[string, () => Promise<AttemptStore>]> = [
  ['memory', async () => createMemoryAttemptStore()],
  [
    'DynamoDB (dynalite)',
    async () => {
      const tableName = `links-${randomUUID()}`;
      await dynamoDb().createLimitsTable(tableName);
      return createDynamoDbAttemptStore({ tableName, client: dynamoDb().client });
    },
  ],
];

/** Alice's account, and a second one whose name differs only in case (a case-sensitive pool). */
const alice = { username: 'Alice', owner: 'sub:0a1b', maskedDestination: 'a***@e***.com' };
const otherAlice = { username: 'alice', owner: 'sub:9f8e', maskedDestination: 'm***@e***.com' };
const ALICE = alice.owner;

/** Replaces one character of the token's claims, keeping it well-formed. */
function tamper(token: string): string {
  const [id, claims = '', signature] = token.split('.');
  const flipped = claims.slice(0, 5) + (claims[5] === 'A' ? 'B' : 'A') + claims.slice(6);
  return `${id}.${flipped}.${signature}`;
}

describe.each(stores)('magic-link tokens on the %s store', (_, makeStore) => {
  const tokens = async (keys = [current, previous]) =>
    magicLinkTokens({ keys, store: await makeStore(), ttlSeconds: 900 });

  it('signs a user in once, and refuses the same link again', async () => {
    const links = await tokens();
    const link = await links.issue(pool, alice, start);
    expect(link).toMatch(/^k2\.[\w-]+\.[\w-]{43}$/);
    expect(await links.redeem(pool, ALICE, link, start + 1000)).toEqual({ ok: true });
    expect(await links.redeem(pool, ALICE, link, start + 2000)).toEqual({
      ok: false,
      reason: 'used',
    });
  });

  it('lets one of two tabs opening the link at once sign in', async () => {
    const links = await tokens();
    const link = await links.issue(pool, alice, start);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => links.redeem(pool, ALICE, link, start + 1000)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('refuses tampered, expired, superseded and other users’ links, and unknown key ids', async () => {
    const links = await tokens();
    const first = await links.issue(pool, alice, start);
    const newest = await links.issue(pool, alice, start + 1000);
    const refusal = async (token: string, at = start + 2000, user = ALICE) =>
      links.redeem(pool, user, token, at);
    expect(await refusal(tamper(newest))).toEqual({ ok: false, reason: 'signature' });
    expect(await refusal(`k9${newest.slice(2)}`)).toEqual({ ok: false, reason: 'unknownKey' });
    expect(await refusal(newest, start + 1000 + 900_000)).toEqual({ ok: false, reason: 'expired' });
    expect(await refusal(first)).toEqual({ ok: false, reason: 'superseded' });
    expect(await refusal(newest, start + 2000, 'sub:mallory')).toEqual({
      ok: false,
      reason: 'wrongUser',
    });
    for (const malformed of ['', 'abc', 'a.b', 'a.b.c.d', 'k2.!!.sig', `${newest}=`]) {
      expect(await refusal(malformed)).toEqual({ ok: false, reason: 'malformed' });
    }
    // None of the refusals spent the newest link.
    expect(await refusal(newest)).toEqual({ ok: true });
  });

  it('binds a link to the account, never to a spelling of its name', async () => {
    const links = await tokens();
    const theirs = await links.issue(pool, otherAlice, start);
    // "alice" asks for a link and tries it on "Alice": a different account, refused.
    expect(await links.redeem(pool, ALICE, theirs, start + 1000)).toEqual({
      ok: false,
      reason: 'wrongUser',
    });
    // Each account has its own series: Alice's link is not superseded by alice's.
    const mine = await links.issue(pool, alice, start + 2000);
    const theirsAgain = await links.issue(pool, otherAlice, start + 3000);
    expect(await links.redeem(pool, ALICE, mine, start + 4000)).toEqual({ ok: true });
    expect(await links.redeem(pool, otherAlice.owner, theirsAgain, start + 4000)).toEqual({
      ok: true,
    });
  });

  it('carries the masked destination, and the asking browser only when well-formed', async () => {
    const links = await tokens();
    const claimsOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const browser = 'x'.repeat(43);
    const asked = claimsOf(await links.issue(pool, { ...alice, browser }, start));
    expect(asked).toMatchObject({ u: 'Alice', s: ALICE, d: 'a***@e***.com', b: browser });
    for (const bad of ['', 'short', `${browser}"`, `${'y'.repeat(42)}=`]) {
      expect(
        claimsOf(await links.issue(pool, { ...alice, browser: bad }, start)),
      ).not.toHaveProperty('b');
    }
  });

  it('still takes links signed with a key being rotated out', async () => {
    const store = await makeStore();
    const old = magicLinkTokens({ keys: [previous], store });
    const link = await old.issue(pool, alice, start);
    const rotated = magicLinkTokens({ keys: [current, previous], store });
    expect(await rotated.redeem(pool, ALICE, link, start + 1000)).toEqual({ ok: true });
    const retired = magicLinkTokens({ keys: [current], store });
    const next = await old.issue(pool, alice, start + 2000);
    expect(await retired.redeem(pool, ALICE, next, start + 3000)).toEqual({
      ok: false,
      reason: 'unknownKey',
    });
  });
});

describe('magic-link keys', () => {
  it('reads id:secret pairs from the environment, the first signing', () => {
    expect(linkKeysFromEnvironment(`k2:${'a'.repeat(40)}, k1:${'b'.repeat(40)}`)).toEqual([
      current,
      previous,
    ]);
  });

  it('reads JSON as a secret generated by the construct holds it, one key or a list', () => {
    expect(linkKeysFromEnvironment(JSON.stringify(current))).toEqual([current]);
    expect(linkKeysFromEnvironment(` ${JSON.stringify([current, previous])}`)).toEqual([
      current,
      previous,
    ]);
  });

  it.each([
    [undefined, /Set CUSTOM_AUTH_LINK_KEYS/],
    ['[]', /Set CUSTOM_AUTH_LINK_KEYS/],
    ['{"id":"k1",', /not JSON/],
    ['[null]', /1 to 32 letters/],
    [`{"id":7,"secret":"${'a'.repeat(40)}"}`, /1 to 32 letters/],
    ['{"id":"k1","secret":12345678901234567890123456789012345}', /at least 32 characters/],
    [`{"id":"k1","secret":"${' '.repeat(40)}"}`, /none of them spaces/],
    ['', /Set CUSTOM_AUTH_LINK_KEYS/],
    ['k1:short', /at least 32 characters/],
    [`bad id!:${'a'.repeat(40)}`, /1 to 32 letters/],
  ])('refuses %j clearly', (value, message) => {
    expect(() => linkKeysFromEnvironment(value)).toThrow(message);
  });

  it('refuses a link lifetime outside a minute to a day', () => {
    const store = createMemoryAttemptStore();
    for (const ttlSeconds of [0, 59, 86_401, 1.5]) {
      expect(() => magicLinkTokens({ keys: [current], store, ttlSeconds })).toThrow(/ttlSeconds/);
    }
  });
});
