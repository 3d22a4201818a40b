import { signIn, signOut } from 'aws-amplify/auth';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localPoolForFile, registerOverHttp } from '../support/local-pool.ts';

// A plain USER_SRP_AUTH sign-in needs the flow enabled on the client; the kit's clients leave it off.
const pool = localPoolForFile({
  explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
});

const usernameCharacters = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+@éüßøΩжな日本€',
);
const passwordCharacters = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()_+-=[]{}|;:,.<>?/ éß日',
);

const credentials = fc.record({
  username: fc.string({ unit: usernameCharacters, minLength: 1, maxLength: 40 }),
  password: fc
    .string({ unit: passwordCharacters, minLength: 4, maxLength: 40 })
    .map((tail) => `Aa1!${tail}`),
});

describe('SRP between Amplify and the local pool', () => {
  it('verifies random usernames and passwords through Amplify’s own SRP, and never a wrong password', async () => {
    const seen = new Set<string>();
    let verified = 0;
    await fc.assert(
      fc.asyncProperty(credentials, async ({ username, password }) => {
        if (seen.has(username.toLowerCase())) return;
        seen.add(username.toLowerCase());
        await registerOverHttp(pool(), username, password);
        const right = await signIn({
          username,
          password,
          options: { authFlowType: 'USER_SRP_AUTH' },
        });
        expect(right.isSignedIn).toBe(true);
        verified++;
        await signOut();
        // Amplify's client-side SRP costs about a second in Node, so wrong passwords are
        // tried on every fourth user only.
        if (verified % 4 !== 0) return;
        await expect(
          signIn({
            username,
            password: `${password}x`,
            options: { authFlowType: 'USER_SRP_AUTH' },
          }),
        ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      }),
      { numRuns: 64 },
    );
    expect(verified).toBeGreaterThan(48);
  }, 240_000);
});
