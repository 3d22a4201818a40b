import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkKeysFromSecretsManager } from '../../src/challenges/magic-link/server/secrets-manager.ts';
import { magicLinkTokens } from '../../src/challenges/magic-link/server/tokens.ts';
import { createMemoryAttemptStore } from '../../src/triggers/limits/attempt-store.ts';

const secrets = vi.hoisted(() => ({ value: '', reads: [] as string[], fail: false }));

vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    async send(command: { input: { SecretId: string } }) {
      secrets.reads.push(command.input.SecretId);
      if (secrets.fail) throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
      return { SecretString: secrets.value };
    }
  },
  GetSecretValueCommand: class {
    constructor(readonly input: { SecretId: string }) {}
  },
}));

const oldKey = `old:${'o'.repeat(40)}`;
const newKey = `new:${'n'.repeat(40)}`;

describe('link keys from AWS Secrets Manager', () => {
  afterEach(() => {
    vi.useRealTimers();
    secrets.reads.length = 0;
    secrets.fail = false;
  });

  it('reads the secret once, and again after its age, so a rotation reaches warm Lambdas', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    secrets.value = oldKey;
    const keys = linkKeysFromSecretsManager('link-keys', { maxAgeSeconds: 60 });
    const store = createMemoryAttemptStore({ secret: 'decoys' });
    const before = magicLinkTokens({ keys: await keys(), store });
    const token = await before.issue('pool', {
      username: 'alice',
      owner: 'sub:a',
      maskedDestination: 'a***@e***.com',
    });
    await keys();
    expect(secrets.reads).toEqual(['link-keys']);

    secrets.value = `${newKey},${oldKey}`;
    vi.advanceTimersByTime(60_000);
    const after = magicLinkTokens({ keys: await keys(), store });
    expect(secrets.reads).toEqual(['link-keys', 'link-keys']);
    // The new key signs; the old one still verifies the links it signed.
    expect(
      (
        await after.issue('pool', {
          username: 'bob',
          owner: 'sub:b',
          maskedDestination: 'b***@e***.com',
        })
      ).startsWith('new.'),
    ).toBe(true);
    await expect(after.redeem('pool', 'sub:a', token)).resolves.toEqual({ ok: true });
  });

  it('keeps no failed read, and says what is wrong with the secret', async () => {
    secrets.fail = true;
    const keys = linkKeysFromSecretsManager('link-keys');
    await expect(keys()).rejects.toThrow('denied');
    secrets.fail = false;
    secrets.value = '';
    await expect(keys()).rejects.toThrow('The secret link-keys holds no link keys');
    secrets.value = 'short:abc';
    await expect(keys()).rejects.toThrow('needs a secret of at least 32 characters');
    secrets.value = oldKey;
    await expect(keys()).resolves.toEqual([{ id: 'old', secret: 'o'.repeat(40) }]);
    expect(secrets.reads).toHaveLength(4);
  });

  it('refuses an empty secret id at once', () => {
    expect(() => linkKeysFromSecretsManager('')).toThrow('needs a secret id or ARN');
  });
});
