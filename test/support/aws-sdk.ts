import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { LocalPool } from '../../src/local-pool/index.ts';

/** The AWS SDK v3 pointed at the pool, with no retries so that a refusal shows at once. */
export const sdkFor = (pool: LocalPool) =>
  new CognitoIdentityProviderClient({
    region: 'local',
    endpoint: pool.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
