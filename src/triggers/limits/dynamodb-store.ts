import { randomBytes } from 'node:crypto';
import { lazily } from '../common/lazily.ts';
import type { AttemptCount, AttemptStore } from './attempt-store.ts';

const DYNAMODB_PACKAGE = '@aws-sdk/client-dynamodb';
/** The environment variable naming the table the ready-made handlers count attempts in. */
export const LIMITS_TABLE_VARIABLE = 'CUSTOM_AUTH_LIMITS_TABLE';

type DynamoDbModule = typeof import('@aws-sdk/client-dynamodb');
/** A `DynamoDBClient` of `@aws-sdk/client-dynamodb`, named here so the peer stays optional. */
export type DynamoDbClient = InstanceType<typeof import('@aws-sdk/client-dynamodb').DynamoDBClient>;

/** Options of {@link createDynamoDbAttemptStore}. */
export interface DynamoDbAttemptStoreOptions {
  /**
   * A table whose partition key is the string `pk`, with Time to Live on the number
   * attribute `ttl` (epoch seconds). Items are small: one per username and counter.
   */
  tableName: string;
  /** A client of your own (region, endpoint, retries); by default one from the environment. */
  client?: DynamoDbClient;
}

export interface LoadedDynamoDb {
  client: DynamoDbClient;
  module: DynamoDbModule;
}

/** The optional peer and a client; `store` and `otherwise` name what needs it, and the way out. */
export async function loadDynamoDb(
  client: DynamoDbClient | undefined,
  store = 'The DynamoDB attempt store',
  otherwise = 'pass another store in limits.store',
): Promise<LoadedDynamoDb> {
  let module: DynamoDbModule;
  try {
    module = await import('@aws-sdk/client-dynamodb');
  } catch (cause) {
    throw new Error(
      `${store} needs the optional package ${DYNAMODB_PACKAGE}. Install it ` +
        `(npm install ${DYNAMODB_PACKAGE}) or ${otherwise}.`,
      { cause },
    );
  }
  return { module, client: client ?? new module.DynamoDBClient({}) };
}

export const isConditionFailure = (error: unknown) =>
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

const names = { '#count': 'count', '#resetAt': 'resetAt' };
const number = (value: number) => ({ N: String(value) });

function countOf(item: Record<string, { N?: string }> | undefined): AttemptCount | undefined {
  const count = Number(item?.count?.N);
  const resetAt = Number(item?.resetAt?.N);
  return Number.isFinite(count) && Number.isFinite(resetAt) ? { count, resetAt } : undefined;
}

/** The item holding the store's key; counter keys all contain a `#` after their kind. */
const secretKey = 'secret#decoys';

/** Two writers starting one window at once: the loser counts again, in the winner's window. */
const maxRounds = 4;

/** What the attempt store does with the table's items: the IAM actions it needs. */
export const attemptStoreActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * Attempt counters in Amazon DynamoDB, so limits hold across Lambdas and containers. Each
 * increment is one conditional write (`count < limit` within the window); a new window is a
 * conditional put that only one writer wins. Reads are strongly consistent. Needs
 * `attemptStoreActions` on the table.
 */
export function createDynamoDbAttemptStore(options: DynamoDbAttemptStoreOptions): AttemptStore {
  const tableName = options.tableName?.trim();
  if (!tableName) throw new TypeError('The DynamoDB attempt store needs a tableName.');
  const load = lazily(() => loadDynamoDb(options.client));

  const get = async (key: string, now: number) => {
    const { client, module } = await load();
    const { Item } = await client.send(
      new module.GetItemCommand({
        TableName: tableName,
        Key: { pk: { S: key } },
        ConsistentRead: true,
      }),
    );
    const counter = countOf(Item);
    return counter && counter.resetAt > now ? counter : undefined;
  };

  const countInWindow = async (key: string, limit: number, now: number) => {
    const { client, module } = await load();
    try {
      const { Attributes } = await client.send(
        new module.UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: key } },
          UpdateExpression: 'ADD #count :one',
          ConditionExpression: '#resetAt > :now AND #count < :limit',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':one': number(1),
            ':now': number(now),
            ':limit': number(limit),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return countOf(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };

  const startWindow = async (key: string, windowMs: number, now: number) => {
    const { client, module } = await load();
    const resetAt = now + windowMs;
    try {
      await client.send(
        new module.PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: key },
            count: number(1),
            resetAt: number(resetAt),
            ttl: number(Math.ceil(resetAt / 1000)),
          },
          // An item missing either attribute (written by hand, or half-written) is replaced.
          ConditionExpression:
            'attribute_not_exists(#resetAt) OR attribute_not_exists(#count) OR #resetAt <= :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':now': number(now) },
        }),
      );
      return { count: 1, resetAt };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  };

  const decrement = async (key: string, resetAt: number) => {
    const { client, module } = await load();
    try {
      await client.send(
        new module.UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: key } },
          UpdateExpression: 'ADD #count :minusOne',
          ConditionExpression: '#resetAt = :resetAt AND #count > :zero',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':minusOne': number(-1),
            ':resetAt': number(resetAt),
            ':zero': number(0),
          },
        }),
      );
    } catch (error) {
      // That window was replaced meanwhile: there is nothing left to give back.
      if (!isConditionFailure(error)) throw error;
    }
  };

  /** One item, never expiring; the first writer's key wins and everyone reads it after. */
  const readOrCreateSecret = async (): Promise<string> => {
    const { client, module } = await load();
    const Key = { pk: { S: secretKey } };
    for (let round = 0; round < maxRounds; round++) {
      const { Item } = await client.send(
        new module.GetItemCommand({ TableName: tableName, Key, ConsistentRead: true }),
      );
      const stored = Item?.secret?.S;
      if (stored) return stored;
      try {
        await client.send(
          new module.PutItemCommand({
            TableName: tableName,
            Item: { ...Key, secret: { S: randomBytes(32).toString('base64url') } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new Error(`The store's key in ${tableName} could not be read back.`);
  };
  return {
    get,
    decrement,
    secret: lazily(readOrCreateSecret),
    async increment(key, limit, windowMs, now) {
      for (let round = 0; round < maxRounds; round++) {
        const counted = await countInWindow(key, limit, now);
        if (counted) return { ...counted, allowed: true };
        const current = await get(key, now);
        // Below the limit here means a give-back landed meanwhile: count again.
        if (current && current.count >= limit) return { ...current, allowed: false };
        if (!current) {
          const started = await startWindow(key, windowMs, now);
          if (started) return { ...started, allowed: true };
        }
      }
      throw new Error(`The attempt counter ${key} kept changing under concurrent writes.`);
    },
  };
}
