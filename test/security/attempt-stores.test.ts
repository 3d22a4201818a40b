import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { questionStep } from '../../src/challenges/text/step.ts';
import { createCustomAuthTriggers } from '../../src/triggers/chain/custom-auth-triggers.ts';
import {
  type AttemptStore,
  createMemoryAttemptStore,
} from '../../src/triggers/limits/attempt-store.ts';
import { createDynamoDbAttemptStore } from '../../src/triggers/limits/dynamodb-store.ts';
import { localDynamoDbForFile } from '../support/dynamodb.ts';
import { verifyEvent } from '../triggers/events.ts';

const windowMs = 15 * 60_000;
const start = Date.UTC(2026, 10, 26, 12);

const dynamoDb = localDynamoDbForFile();

const stores: Array<[string, () => Promise<AttemptStore>]> = [
  ['memory', async () => createMemoryAttemptStore()],
  [
    'DynamoDB (dynalite)',
    async () => {
      const tableName = `limits-${randomUUID()}`;
      await dynamoDb().createLimitsTable(tableName);
      return createDynamoDbAttemptStore({ tableName, client: dynamoDb().client });
    },
  ],
];

describe.each(stores)('the %s attempt store', (_, makeStore) => {
  it('counts up to the limit, then refuses, within one window', async () => {
    const store = await makeStore();
    const results = [];
    for (let event = 0; event < 4; event++) {
      results.push(await store.increment('codes#a', 3, windowMs, start + event * 1000));
    }
    expect(results.map((result) => [result.allowed, result.count])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 3],
    ]);
    expect(new Set(results.map((result) => result.resetAt))).toEqual(new Set([start + windowMs]));
    expect(await store.get('codes#a', start + 5000)).toEqual({
      count: 3,
      resetAt: start + windowMs,
    });
  });

  it('admits exactly the limit under 50 parallel increments', async () => {
    const store = await makeStore();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.increment('wrong#b', 10, windowMs, start)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    expect(
      results
        .filter((result) => result.allowed)
        .map((result) => result.count)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
    expect((await store.get('wrong#b', start))?.count).toBe(10);
  });

  it('starts again from zero once the window ends', async () => {
    const store = await makeStore();
    await store.increment('codes#c', 1, windowMs, start);
    expect((await store.increment('codes#c', 1, windowMs, start + 1)).allowed).toBe(false);
    expect(await store.get('codes#c', start + windowMs)).toBeUndefined();
    const next = await store.increment('codes#c', 1, windowMs, start + windowMs);
    expect(next).toEqual({ allowed: true, count: 1, resetAt: start + 2 * windowMs });
  });

  it('restarts an ended window exactly once under parallel increments', async () => {
    const store = await makeStore();
    await store.increment('codes#d', 2, windowMs, start);
    await store.increment('codes#d', 2, windowMs, start);
    const later = start + windowMs + 10;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.increment('codes#d', 2, windowMs, later)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(2);
    expect(new Set(results.map((result) => result.resetAt))).toEqual(new Set([later + windowMs]));
  });

  it('gives back to the window it counted in, never below zero, never to a newer one', async () => {
    const store = await makeStore();
    const { resetAt } = await store.increment('wrong#i', 2, windowMs, start);
    await store.increment('wrong#i', 2, windowMs, start);
    await store.decrement('wrong#i', resetAt);
    expect(await store.get('wrong#i', start + 1)).toEqual({ count: 1, resetAt });
    await store.decrement('wrong#i', resetAt);
    await store.decrement('wrong#i', resetAt);
    expect((await store.get('wrong#i', start + 1))?.count).toBe(0);
    await store.decrement('wrong#absent', resetAt);
    expect(await store.get('wrong#absent', start)).toBeUndefined();
    // A give-back that arrives after its window was replaced leaves the new window alone.
    const old = await store.increment('wrong#j', 1, windowMs, start);
    const renewed = await store.increment('wrong#j', 1, windowMs, start + windowMs);
    await store.decrement('wrong#j', old.resetAt);
    expect(await store.get('wrong#j', start + windowMs)).toEqual({
      count: 1,
      resetAt: renewed.resetAt,
    });
  });

  it('lets one answer past the free ones through the limits under 80 parallel wrong answers', async () => {
    const store = await makeStore();
    const looked = vi.fn(async () => false);
    const { verifyAuthChallengeResponse } = createCustomAuthTriggers({
      steps: [questionStep({ question: 'Pet?', verify: looked })],
      limits: { store, maxWrongAnswers: 5 },
    });
    const event = verifyEvent('Rex', { step: '0' });
    const outcomes = await Promise.all(
      Array.from({ length: 80 }, () =>
        verifyAuthChallengeResponse(structuredClone(event)).then(
          () => 'wrong',
          (error: Error) => error.name,
        ),
      ),
    );
    // Four free, and the fifth, which starts the first wait.
    expect(looked).toHaveBeenCalledTimes(5);
    expect(outcomes.filter((outcome) => outcome === 'wrong')).toHaveLength(4);
  }, 30_000);

  it('keeps counters apart by key', async () => {
    const store = await makeStore();
    await store.increment('codes#e', 1, windowMs, start);
    expect((await store.increment('codes#f', 1, windowMs, start)).allowed).toBe(true);
    expect(await store.get('codes#g', start)).toBeUndefined();
  });
});

describe('the DynamoDB attempt store', () => {
  it('keeps one key for every store on the table, even when first asked at once', async () => {
    const tableName = `limits-${randomUUID()}`;
    await dynamoDb().createLimitsTable(tableName);
    const lambdas = Array.from({ length: 8 }, () =>
      createDynamoDbAttemptStore({ tableName, client: dynamoDb().client }),
    );
    const secrets = await Promise.all(lambdas.map((store) => store.secret()));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[\w-]{43}$/);
    const otherTable = `limits-${randomUUID()}`;
    await dynamoDb().createLimitsTable(otherTable);
    const other = createDynamoDbAttemptStore({ tableName: otherTable, client: dynamoDb().client });
    expect(await other.secret()).not.toBe(secrets[0]);
  });

  it('needs a table name', () => {
    expect(() => createDynamoDbAttemptStore({ tableName: ' ' })).toThrow(/needs a tableName/);
  });

  it('replaces an item that lacks its count or its window', async () => {
    const tableName = `limits-${randomUUID()}`;
    await dynamoDb().createLimitsTable(tableName);
    const store = createDynamoDbAttemptStore({ tableName, client: dynamoDb().client });
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    await dynamoDb().client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: 'codes#k' }, resetAt: { N: String(start + windowMs) } },
      }),
    );
    await dynamoDb().client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: 'codes#l' }, count: { N: '9' } },
      }),
    );
    for (const key of ['codes#k', 'codes#l']) {
      expect(await store.increment(key, 3, windowMs, start)).toMatchObject({
        allowed: true,
        count: 1,
      });
    }
  });

  it('reports a missing table instead of passing', async () => {
    const store = createDynamoDbAttemptStore({ tableName: 'absent', client: dynamoDb().client });
    await expect(store.increment('codes#h', 1, windowMs, start)).rejects.toThrow(
      /non-existent table|not found/i,
    );
  });
});
