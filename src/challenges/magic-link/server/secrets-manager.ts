import { lazily } from '../../../triggers/common/lazily.ts';
import { type LinkKey, parseLinkKeys } from './link-keys.ts';

/** The environment variable naming the Secrets Manager secret that holds the link keys. */
export const LINK_KEYS_SECRET_VARIABLE = 'CUSTOM_AUTH_LINK_KEYS_SECRET';
const SECRETS_PACKAGE = '@aws-sdk/client-secrets-manager';

export interface SecretKeysOptions {
  /** How long keys are kept before they are read again, so a rotation reaches warm Lambdas. Default 300. */
  maxAgeSeconds?: number;
}

async function readSecret(secretId: string): Promise<string | undefined> {
  let module: typeof import('@aws-sdk/client-secrets-manager');
  try {
    module = await import('@aws-sdk/client-secrets-manager');
  } catch (cause) {
    throw new Error(
      `Link keys from AWS Secrets Manager need the optional package ${SECRETS_PACKAGE}. ` +
        `Install it (npm install ${SECRETS_PACKAGE}), or set the keys in CUSTOM_AUTH_LINK_KEYS.`,
      { cause },
    );
  }
  const client = new module.SecretsManagerClient({});
  const { SecretString } = await client.send(
    new module.GetSecretValueCommand({ SecretId: secretId }),
  );
  return SecretString;
}

/**
 * Link keys kept in AWS Secrets Manager as `id:secret,id:secret` (the first signs), read on
 * first use and again once `maxAgeSeconds` have passed. A failed read is not kept. The
 * Lambda's role needs `secretsmanager:GetSecretValue` on the secret.
 */
export function linkKeysFromSecretsManager(
  secretId: string,
  { maxAgeSeconds = 300 }: SecretKeysOptions = {},
): () => Promise<readonly LinkKey[]> {
  if (typeof secretId !== 'string' || secretId === '') {
    throw new TypeError('linkKeysFromSecretsManager needs a secret id or ARN.');
  }
  return lazily(
    () =>
      readSecret(secretId).then((value) =>
        parseLinkKeys(value, `The secret ${secretId} holds no link keys (id:secret[,id:secret]).`),
      ),
    maxAgeSeconds * 1000,
  );
}
