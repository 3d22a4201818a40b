import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/local-pool/cli/options.ts';
import type { LocalPool } from '../../src/local-pool/index.ts';
import {
  cognitoPost,
  latestCode,
  poolsForEachTest,
  signInOverHttp,
} from '../support/local-pool.ts';

const start = poolsForEachTest();

function signUp(pool: LocalPool, Username: string, extra: Record<string, string>) {
  const attributes = { email: `${Username}@example.com`, ...extra };
  return cognitoPost(pool, 'SignUp', {
    ClientId: pool.userPoolClientId,
    Username,
    Password: 'Correct-Horse-1',
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });
}

const notInSchema = (name: string) => ({
  status: 400,
  body: {
    __type: 'InvalidParameterException',
    message: `Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`,
  },
});

describe('SignUp writes only what the pool’s schema lets a client write', () => {
  it.each(['custom:tier', 'amr', 'scope', 'cognito:groups', 'cognito:username', 'favorite'])(
    'refuses %s, which is not in the schema, and creates no user',
    async (name) => {
      const pool = await start();
      expect(await signUp(pool, 'uma', { [name]: 'admin' })).toMatchObject(notInSchema(name));
      expect((await signUp(pool, 'uma', {})).status).toBe(200);
    },
  );

  it.each(['sub', 'identities', 'email_verified', 'phone_number_verified'])(
    'refuses %s, which only Cognito sets, as an unauthorized write',
    async (name) => {
      const pool = await start();
      expect(await signUp(pool, 'val', { [name]: 'true' })).toMatchObject({
        status: 400,
        body: {
          __type: 'NotAuthorizedException',
          message: 'A client attempted to write unauthorized attribute',
        },
      });
      expect((await signUp(pool, 'val', {})).status).toBe(200);
    },
  );

  it('takes standard attributes, and the custom ones the pool declares', async () => {
    const pool = await start({ customAttributes: ['tier', 'custom:plan'] });
    const extra = { given_name: 'Wen', locale: 'de', 'custom:tier': 'gold', 'custom:plan': 'p1' };
    expect((await signUp(pool, 'wen', extra)).status).toBe(200);
    await cognitoPost(pool, 'ConfirmSignUp', {
      ClientId: pool.userPoolClientId,
      Username: 'wen',
      ConfirmationCode: latestCode(pool, 'wen'),
    });
    const tokens = await signInOverHttp(pool, 'wen');
    const user = await cognitoPost(pool, 'GetUser', { AccessToken: tokens?.AccessToken });
    expect(user.body.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'custom:tier', Value: 'gold' },
        { Name: 'given_name', Value: 'Wen' },
      ]),
    );
    expect(await signUp(pool, 'xia', { 'custom:other': '1' })).toMatchObject(
      notInSchema('custom:other'),
    );
  });

  it('reports its schema, custom attributes included, in DescribeUserPool', async () => {
    const pool = await start({ customAttributes: ['tier'] });
    const described = await cognitoPost(pool, 'DescribeUserPool', { UserPoolId: pool.userPoolId });
    const schema = (described.body.UserPool as { SchemaAttributes: Array<{ Name: string }> })
      .SchemaAttributes;
    const names = schema.map(({ Name }) => Name);
    expect(names).toEqual(
      expect.arrayContaining(['sub', 'email', 'email_verified', 'given_name', 'custom:tier']),
    );
    expect(names.filter((name) => name.startsWith('custom:'))).toEqual(['custom:tier']);
    expect(schema.find(({ Name }) => Name === 'custom:tier')).toMatchObject({
      AttributeDataType: 'String',
      Mutable: true,
      Required: false,
    });
    const plain = await start();
    const none = await cognitoPost(plain, 'DescribeUserPool', { UserPoolId: plain.userPoolId });
    expect(JSON.stringify(none.body)).not.toContain('custom:');
  });

  it('holds AdminUpdateUserAttributes to the same schema, before touching the user', async () => {
    const pool = await start({ customAttributes: ['tier'] });
    expect((await signUp(pool, 'yan', {})).status).toBe(200);
    const update = (attributes: Record<string, string>) =>
      cognitoPost(pool, 'AdminUpdateUserAttributes', {
        UserPoolId: pool.userPoolId,
        Username: 'yan',
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      });
    expect(await update({ 'custom:role': 'admin', given_name: 'Yan' })).toMatchObject(
      notInSchema('custom:role'),
    );
    expect(await update({ 'cognito:groups': 'admins' })).toMatchObject(
      notInSchema('cognito:groups'),
    );
    expect((await update({ 'custom:tier': 'gold', email_verified: 'true' })).status).toBe(200);
  });

  it('takes the custom attributes from the CLI, and refuses a name Cognito would', () => {
    expect(parseCliOptions(['--custom-attributes', 'tier, custom:plan'])).toMatchObject({
      customAttributes: ['tier', 'plan'],
    });
    expect(parseCliOptions([])).toMatchObject({ customAttributes: undefined });
    expect(() => parseCliOptions(['--custom-attributes', 'a'.repeat(21)])).toThrow(
      /--custom-attributes: .*1 to 20 letters/,
    );
    expect(() => parseCliOptions(['--custom-attributes', 'tier,,plan'])).toThrow(
      /--custom-attributes/,
    );
  });
});
