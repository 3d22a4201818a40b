import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll } from 'vitest';

export interface LocalDynamoDb {
  client: DynamoDBClient;
  /** Creates a table with the schema docs/triggers.md documents for the attempt store. */
  createLimitsTable: (name: string) => Promise<void>;
}

/** DynamoDB on dynalite (in memory) on a free loopback port, for the whole file. */
export function localDynamoDbForFile(): () => LocalDynamoDb {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  let database: LocalDynamoDb | undefined;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    database = {
      client,
      createLimitsTable: async (name) => {
        await client.send(
          new CreateTableCommand({
            TableName: name,
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
        await waitUntilTableExists(
          { client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
          { TableName: name },
        );
      },
    };
  });
  afterAll(async () => {
    database?.client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return () => {
    if (!database) throw new Error('DynamoDB has not started yet.');
    return database;
  };
}
