import { describe, expect, it } from 'vitest';
import { createDynamoDbPasskeyStore } from '../../src/challenges/passkey/server/dynamodb-passkey-store.ts';
import {
  createMemoryPasskeyStore,
  type PasskeyStore,
  type StoredPasskey,
} from '../../src/challenges/passkey/server/passkey-store.ts';
import { localDynamoDbForFile } from '../support/dynamodb.ts';

const dynamoDb = localDynamoDbForFile();
let tables = 0;

const passkey = (id: string, createdAt = 1_000): StoredPasskey => ({
  id,
  publicKey: `key-of-${id}`,
  counter: 0,
  transports: ['internal', 'hybrid'],
  backedUp: false,
  deviceType: 'multiDevice',
  createdAt,
  lastUsedAt: null,
  aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
});

const stores: Array<[string, () => Promise<PasskeyStore>]> = [
  ['memory', async () => createMemoryPasskeyStore()],
  [
    'DynamoDB',
    async () => {
      const tableName = `passkeys-${++tables}`;
      await dynamoDb().createLimitsTable(tableName);
      return createDynamoDbPasskeyStore({ tableName, client: dynamoDb().client });
    },
  ],
];

describe.each(stores)('the %s passkey store', (_name, makeStore) => {
  it('lists an owner’s passkeys, oldest first, and nobody else’s', async () => {
    const store = await makeStore();
    expect(await store.list('alice')).toEqual([]);
    expect(await store.add('alice', passkey('b', 2_000))).toBe(true);
    expect(await store.add('alice', passkey('a', 1_000))).toBe(true);
    expect(await store.add('bob', passkey('c'))).toBe(true);
    expect(await store.list('alice')).toEqual([passkey('a', 1_000), passkey('b', 2_000)]);
    expect((await store.list('bob')).map(({ id }) => id)).toEqual(['c']);
  });

  it('refuses an id registered already, to anyone', async () => {
    const store = await makeStore();
    expect(await store.add('alice', passkey('a'))).toBe(true);
    expect(await store.add('bob', { ...passkey('a'), publicKey: 'another' })).toBe(false);
    expect(await store.add('alice', passkey('a'))).toBe(false);
    expect(await store.list('bob')).toEqual([]);
    expect((await store.list('alice'))[0]?.publicKey).toBe('key-of-a');
  });

  it('records a use only over the counter it was checked against, and only the owner’s', async () => {
    const store = await makeStore();
    await store.add('alice', passkey('a'));
    const use = { counter: 3, expectedCounter: 0, usedAt: 5_000, backedUp: true };
    expect(await store.recordUse('bob', 'a', use)).toBe(false);
    expect(await store.recordUse('alice', 'a', use)).toBe(true);
    expect(await store.recordUse('alice', 'a', { ...use, counter: 4 })).toBe(false);
    expect(await store.recordUse('alice', 'missing', use)).toBe(false);
    expect((await store.list('alice'))[0]).toMatchObject({
      counter: 3,
      lastUsedAt: 5_000,
      backedUp: true,
    });
  });

  it('removes an owner’s passkey, not another’s, and frees its id', async () => {
    const store = await makeStore();
    await store.add('alice', passkey('a'));
    await store.add('alice', passkey('b'));
    expect(await store.remove('bob', 'a')).toBe(false);
    expect(await store.remove('alice', 'a')).toBe(true);
    expect(await store.remove('alice', 'a')).toBe(false);
    expect((await store.list('alice')).map(({ id }) => id)).toEqual(['b']);
    expect(
      await store.recordUse('alice', 'a', {
        counter: 1,
        expectedCounter: 0,
        usedAt: 1,
        backedUp: false,
      }),
    ).toBe(false);
    expect(await store.add('bob', passkey('a'))).toBe(true);
  });

  it('gives a challenge issued before a username once, and only until it expires', async () => {
    const store = await makeStore();
    await store.addChallenge('first', 10_000);
    await store.addChallenge('second', 10_000);
    expect(await store.takeChallenge('never-issued', 5_000)).toBe(false);
    expect(await store.takeChallenge('first', 5_000)).toBe(true);
    expect(await store.takeChallenge('first', 5_000)).toBe(false);
    expect(await store.takeChallenge('second', 10_000)).toBe(false);
  });

  it('gives a step-up once, to its owner, and only until it expires', async () => {
    const store = await makeStore();
    await store.addGrant('alice', 'digest', 10_000);
    expect(await store.takeGrant('bob', 'digest', 5_000)).toBe(false);
    expect(await store.takeGrant('alice', 'other', 5_000)).toBe(false);
    expect(await store.takeGrant('alice', 'digest', 5_000)).toBe(true);
    expect(await store.takeGrant('alice', 'digest', 5_000)).toBe(false);
    await store.addGrant('alice', 'late', 10_000);
    expect(await store.takeGrant('alice', 'late', 10_001)).toBe(false);
    // A challenge is no step-up, nor the other way round.
    await store.addChallenge('digest', 10_000);
    expect(await store.takeGrant('alice', 'digest', 5_000)).toBe(false);
    expect(await store.takeChallenge('digest', 5_000)).toBe(true);
  });

  it('gives a challenge to one of two sign-ins taking it at once', async () => {
    const store = await makeStore();
    await store.addChallenge('contested', 10_000);
    const taken = await Promise.all(
      Array.from({ length: 5 }, () => store.takeChallenge('contested', 5_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
  });
});

describe('the DynamoDB passkey store', () => {
  it('needs a table name', () => {
    expect(() => createDynamoDbPasskeyStore({ tableName: ' ' })).toThrow(/needs a tableName/);
  });
});

describe('the passkey providers', () => {
  it('are named by the AAGUID the authenticator reported, and unknown ones by none', async () => {
    const { providerOf } = await import('../../src/challenges/passkey/server/providers.ts');
    expect(providerOf('fbfc3007-154e-4ecc-8c0b-6e020557d7bd')).toBe('Apple Passwords');
    expect(providerOf('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(providerOf('constructor')).toBeNull();
    expect(providerOf(undefined)).toBeNull();
  });
});

describe('the memory passkey store under a flood of challenges', () => {
  it('keeps ten thousand at most, pushing out the oldest', async () => {
    const store = createMemoryPasskeyStore();
    const until = Date.now() + 60_000;
    for (let index = 0; index <= 10_000; index += 1) await store.addChallenge(`c${index}`, until);
    expect(await store.takeChallenge('c0', Date.now())).toBe(false);
    expect(await store.takeChallenge('c1', Date.now())).toBe(true);
    expect(await store.takeChallenge('c10000', Date.now())).toBe(true);
  });
});
