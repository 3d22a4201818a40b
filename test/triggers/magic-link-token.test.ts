import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AttemptStore, createMemoryAttemptStore } from '../../src/triggers/attempt-store.ts';
import { createDynamoDbAttemptStore } from '../../src/triggers/dynamodb-store.ts';
import {
  type LinkKey,
  linkKeysFromEnvironment,
  magicLinkTokens,
} from '../../src/triggers/magic-link-token.ts';
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
    const link = await links.issue(pool, 'Alice', start);
    expect(link).toMatch(/^k2\.[\w-]+\.[\w-]{43}$/);
    expect(await links.redeem(pool, 'alice', link, start + 1000)).toEqual({ ok: true });
    expect(await links.redeem(pool, 'alice', link, start + 2000)).toEqual({
      ok: false,
      reason: 'used',
    });
  });

  it('lets one of two tabs opening the link at once sign in', async () => {
    const links = await tokens();
    const link = await links.issue(pool, 'alice', start);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => links.redeem(pool, 'alice', link, start + 1000)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('refuses tampered, expired, superseded and other users’ links, and unknown key ids', async () => {
    const links = await tokens();
    const first = await links.issue(pool, 'alice', start);
    const newest = await links.issue(pool, 'alice', start + 1000);
    const refusal = async (token: string, at = start + 2000, user = 'alice') =>
      links.redeem(pool, user, token, at);
    expect(await refusal(tamper(newest))).toEqual({ ok: false, reason: 'signature' });
    expect(await refusal(`k9${newest.slice(2)}`)).toEqual({ ok: false, reason: 'unknownKey' });
    expect(await refusal(newest, start + 1000 + 900_000)).toEqual({ ok: false, reason: 'expired' });
    expect(await refusal(first)).toEqual({ ok: false, reason: 'superseded' });
    expect(await refusal(newest, start + 2000, 'mallory')).toEqual({
      ok: false,
      reason: 'wrongUser',
    });
    for (const malformed of ['', 'abc', 'a.b', 'a.b.c.d', 'k2.!!.sig', `${newest}=`]) {
      expect(await refusal(malformed)).toEqual({ ok: false, reason: 'malformed' });
    }
    // None of the refusals spent the newest link.
    expect(await refusal(newest)).toEqual({ ok: true });
  });

  it('still takes links signed with a key being rotated out', async () => {
    const store = await makeStore();
    const old = magicLinkTokens({ keys: [previous], store });
    const link = await old.issue(pool, 'alice', start);
    const rotated = magicLinkTokens({ keys: [current, previous], store });
    expect(await rotated.redeem(pool, 'alice', link, start + 1000)).toEqual({ ok: true });
    const retired = magicLinkTokens({ keys: [current], store });
    const next = await old.issue(pool, 'alice', start + 2000);
    expect(await retired.redeem(pool, 'alice', next, start + 3000)).toEqual({
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

  it.each([
    [undefined, /Set CUSTOM_AUTH_LINK_KEYS/],
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
