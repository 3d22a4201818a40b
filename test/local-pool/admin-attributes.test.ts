import { describe, expect, it } from 'vitest';
import {
  cognitoPost,
  localPoolForFile,
  registerOverHttp,
  signInOverHttp,
} from '../support/local-pool.ts';

const pool = localPoolForFile({ flow: 'passwordless' });

const update = (Username: string, attributes: Record<string, string>) =>
  cognitoPost(pool(), 'AdminUpdateUserAttributes', {
    UserPoolId: pool().userPoolId,
    Username,
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  });

async function attributesOf(AccessToken: string | undefined): Promise<Record<string, string>> {
  const { body } = await cognitoPost(pool(), 'GetUser', { AccessToken });
  const list = (body as { UserAttributes: Array<{ Name: string; Value: string }> }).UserAttributes;
  return Object.fromEntries(list.map(({ Name, Value }) => [Name, Value]));
}

describe('AdminUpdateUserAttributes', () => {
  it('sets a verified flag, and a new address is unverified unless said otherwise', async () => {
    await registerOverHttp(pool(), 'quinn');
    const token = (await signInOverHttp(pool(), 'quinn'))?.AccessToken;
    expect((await update('quinn', { phone_number: '+15550002222' })).status).toBe(200);
    expect(await attributesOf(token)).toMatchObject({
      email_verified: 'true',
      phone_number_verified: 'false',
    });
    await update('quinn', { phone_number_verified: 'true' });
    expect((await attributesOf(token)).phone_number_verified).toBe('true');
    await update('quinn', { email: 'new@example.com' });
    expect(await attributesOf(token)).toMatchObject({
      email: 'new@example.com',
      email_verified: 'false',
      phone_number_verified: 'true',
    });
  });

  it('refuses to change the sub', async () => {
    await registerOverHttp(pool(), 'rhea');
    const response = await update('rhea', { sub: 'mine-now' });
    expect(response).toMatchObject({
      status: 400,
      body: { __type: 'InvalidParameterException' },
    });
  });
});
