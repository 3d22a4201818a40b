/** Where the demo signs in: a real Cognito user pool when configured, else the local pool. */
export type AuthSetup = (
  | { kind: 'cognito'; amplify: AmplifyAuthConfig }
  | { kind: 'local'; amplify: AmplifyAuthConfig; poolUrl: string }
) & {
  /**
   * Where `passkeyChallengeHandler` answers, for passkeys in the username's autofill: the
   * local pool's. The passkey flows need the local pool's chains anyway.
   */
  passkeyChallengeUrl?: string | undefined;
  /** Where `passkeyManagementHandler` answers, for the signed-in area's passkeys. */
  passkeyManagementUrl?: string | undefined;
};

export interface AmplifyAuthConfig {
  Auth: {
    Cognito: {
      userPoolId: string;
      userPoolClientId: string;
      userPoolEndpoint?: string;
      loginWith?: { username: boolean };
    };
  };
}

export interface DemoEnv {
  VITE_USER_POOL_ID?: string;
  VITE_USER_POOL_CLIENT_ID?: string;
  VITE_USER_POOL_ENDPOINT?: string;
  VITE_LOCAL_POOL_URL?: string;
}

export const defaultLocalPoolUrl = 'http://127.0.0.1:9229';

export async function loadAuthSetup(env: DemoEnv): Promise<AuthSetup> {
  if (env.VITE_USER_POOL_ID && env.VITE_USER_POOL_CLIENT_ID) {
    return {
      kind: 'cognito',
      amplify: {
        Auth: {
          Cognito: {
            userPoolId: env.VITE_USER_POOL_ID,
            userPoolClientId: env.VITE_USER_POOL_CLIENT_ID,
            ...(env.VITE_USER_POOL_ENDPOINT
              ? { userPoolEndpoint: env.VITE_USER_POOL_ENDPOINT }
              : {}),
            loginWith: { username: true },
          },
        },
      },
    };
  }
  const poolUrl = env.VITE_LOCAL_POOL_URL || defaultLocalPoolUrl;
  const response = await fetch(`${poolUrl}/_local/config`);
  if (!response.ok) throw new Error(`The local pool at ${poolUrl} answered ${response.status}.`);
  const { amplifyConfig, passkeyChallengeUrl, passkeyManagementUrl } = (await response.json()) as {
    amplifyConfig: AmplifyAuthConfig;
    passkeyChallengeUrl?: string;
    passkeyManagementUrl?: string;
  };
  return {
    kind: 'local',
    amplify: amplifyConfig,
    poolUrl,
    passkeyChallengeUrl,
    passkeyManagementUrl,
  };
}
