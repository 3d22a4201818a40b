import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { lazily } from '../../../triggers/common/lazily.ts';
import {
  type DynamoDbClient,
  isConditionFailure,
  type LoadedDynamoDb,
  loadDynamoDb,
} from '../../../triggers/limits/dynamodb-store.ts';
import type { PasskeyStore, StoredPasskey } from './passkey-store.ts';

/** Options of {@link createDynamoDbPasskeyStore}. */
export interface DynamoDbPasskeyStoreOptions {
  /**
   * A table whose partition key is the string `pk`, with TTL on `ttl`: the limits' table. Each
   * passkey is an item (`passkey#<id>`), each owner an item listing theirs (`passkeys#<owner>`),
   * each challenge issued before a username an item until it expires
   * (`passkeyChallenge#<challenge>`), and so each step-up granted (`stepUp#<owner>#<digest>`).
   */
  tableName: string;
  /** A client of your own (region, endpoint, retries); by default one from the environment. */
  client?: DynamoDbClient;
}

type Item = Record<string, AttributeValue>;

const passkeyKey = (id: string) => ({ pk: { S: `passkey#${id}` } });
const ownerKey = (owner: string) => ({ pk: { S: `passkeys#${owner}` } });
const challengeKey = (challenge: string) => ({ pk: { S: `passkeyChallenge#${challenge}` } });
const grantKey = (owner: string, digest: string) => ({ pk: { S: `stepUp#${owner}#${digest}` } });
const number = (value: number) => ({ N: String(value) });

function toItem(owner: string, passkey: StoredPasskey): Item {
  return {
    ...passkeyKey(passkey.id),
    owner: { S: owner },
    publicKey: { S: passkey.publicKey },
    counter: number(passkey.counter),
    transports: { S: JSON.stringify(passkey.transports) },
    backedUp: { BOOL: passkey.backedUp },
    deviceType: { S: passkey.deviceType },
    createdAt: number(passkey.createdAt),
    ...(passkey.lastUsedAt === null ? {} : { lastUsedAt: number(passkey.lastUsedAt) }),
    ...(passkey.aaguid === undefined ? {} : { aaguid: { S: passkey.aaguid } }),
  };
}

function fromItem(item: Item): StoredPasskey | undefined {
  const id = item.pk?.S?.replace(/^passkey#/, '');
  const transports: unknown = JSON.parse(item.transports?.S ?? '[]');
  const passkey = {
    id: id ?? '',
    publicKey: item.publicKey?.S ?? '',
    counter: Number(item.counter?.N),
    transports: Array.isArray(transports) ? transports.map(String) : [],
    backedUp: item.backedUp?.BOOL === true,
    deviceType: item.deviceType?.S === 'multiDevice' ? 'multiDevice' : 'singleDevice',
    createdAt: Number(item.createdAt?.N),
    lastUsedAt: item.lastUsedAt?.N === undefined ? null : Number(item.lastUsedAt.N),
    ...(item.aaguid?.S === undefined ? {} : { aaguid: item.aaguid.S }),
  } satisfies StoredPasskey;
  const whole = passkey.id && passkey.publicKey && Number.isInteger(passkey.counter);
  return whole ? passkey : undefined;
}

/**
 * Passkeys in Amazon DynamoDB, so Create and Verify in different Lambdas see the same ones.
 * Reads are strongly consistent; a passkey is listed by its owner only once it is stored, and
 * unlisted before it is deleted, so a half-done write leaves nothing usable. Needs
 * `dynamodb:GetItem`, `PutItem`, `UpdateItem`, `DeleteItem` and `BatchGetItem` on the table.
 */
export function createDynamoDbPasskeyStore(options: DynamoDbPasskeyStoreOptions): PasskeyStore {
  const tableName = options.tableName?.trim();
  if (!tableName) throw new TypeError('The DynamoDB passkey store needs a tableName.');
  const load = lazily(() =>
    loadDynamoDb(options.client, 'The DynamoDB passkey store', 'pass another PasskeyStore'),
  );

  const idsOf = async (owner: string): Promise<string[]> => {
    const { client, module } = await load();
    const { Item } = await client.send(
      new module.GetItemCommand({
        TableName: tableName,
        Key: ownerKey(owner),
        ConsistentRead: true,
      }),
    );
    return Item?.ids?.SS ?? [];
  };

  /** Runs a conditional write: false when its condition did not hold. */
  const conditional = async (write: (loaded: LoadedDynamoDb) => Promise<unknown>) => {
    const loaded = await load();
    try {
      await write(loaded);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  /** An item to take once until `expiresAt`: TTL removes it within days after. */
  const keepUntil = async (key: Item, expiresAt: number) => {
    const { client, module } = await load();
    await client.send(
      new module.PutItemCommand({
        TableName: tableName,
        Item: { ...key, expiresAt: number(expiresAt), ttl: number(Math.ceil(expiresAt / 1000)) },
      }),
    );
  };

  // TTL deletes late, so the expiry is checked here, in the same write.
  const takeOnce = (key: Item, now: number) =>
    conditional(({ client, module }) =>
      client.send(
        new module.DeleteItemCommand({
          TableName: tableName,
          Key: key,
          ConditionExpression: 'expiresAt > :now',
          ExpressionAttributeValues: { ':now': number(now) },
        }),
      ),
    );

  return {
    async list(owner) {
      const ids = await idsOf(owner);
      if (ids.length === 0) return [];
      const { client, module } = await load();
      const found: StoredPasskey[] = [];
      // A user has a handful; BatchGetItem takes 100 keys at a time.
      for (let start = 0; start < ids.length; start += 100) {
        let keys: Item[] = ids.slice(start, start + 100).map(passkeyKey);
        while (keys.length > 0) {
          const { Responses, UnprocessedKeys } = await client.send(
            new module.BatchGetItemCommand({
              RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } },
            }),
          );
          for (const item of Responses?.[tableName] ?? []) {
            const passkey = item.owner?.S === owner ? fromItem(item) : undefined;
            if (passkey) found.push(passkey);
          }
          keys = UnprocessedKeys?.[tableName]?.Keys ?? [];
        }
      }
      return found.sort((a, b) => a.createdAt - b.createdAt);
    },
    async add(owner, passkey) {
      const stored = await conditional(({ client, module }) =>
        client.send(
          new module.PutItemCommand({
            TableName: tableName,
            Item: toItem(owner, passkey),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (!stored) return false;
      await conditional(({ client, module }) =>
        client.send(
          new module.UpdateItemCommand({
            TableName: tableName,
            Key: ownerKey(owner),
            UpdateExpression: 'ADD ids :id',
            ExpressionAttributeValues: { ':id': { SS: [passkey.id] } },
          }),
        ),
      );
      return true;
    },
    recordUse: (owner, id, use) =>
      conditional(({ client, module }) =>
        client.send(
          new module.UpdateItemCommand({
            TableName: tableName,
            Key: passkeyKey(id),
            UpdateExpression: 'SET #counter = :counter, lastUsedAt = :usedAt, backedUp = :backedUp',
            ConditionExpression: '#owner = :owner AND #counter = :expected',
            ExpressionAttributeNames: { '#counter': 'counter', '#owner': 'owner' },
            ExpressionAttributeValues: {
              ':counter': number(use.counter),
              ':usedAt': number(use.usedAt),
              ':backedUp': { BOOL: use.backedUp },
              ':owner': { S: owner },
              ':expected': number(use.expectedCounter),
            },
          }),
        ),
      ),
    async remove(owner, id) {
      const unlisted = await conditional(({ client, module }) =>
        client.send(
          new module.UpdateItemCommand({
            TableName: tableName,
            Key: ownerKey(owner),
            UpdateExpression: 'DELETE ids :id',
            ConditionExpression: 'contains(ids, :idString)',
            ExpressionAttributeValues: { ':id': { SS: [id] }, ':idString': { S: id } },
          }),
        ),
      );
      if (!unlisted) return false;
      await conditional(({ client, module }) =>
        client.send(
          new module.DeleteItemCommand({
            TableName: tableName,
            Key: passkeyKey(id),
            ConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': { S: owner } },
          }),
        ),
      );
      return true;
    },
    addChallenge: (challenge, expiresAt) => keepUntil(challengeKey(challenge), expiresAt),
    takeChallenge: (challenge, now) => takeOnce(challengeKey(challenge), now),
    addGrant: (owner, digest, expiresAt) => keepUntil(grantKey(owner, digest), expiresAt),
    takeGrant: (owner, digest, now) => takeOnce(grantKey(owner, digest), now),
  };
}
