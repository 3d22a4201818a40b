export type CognitoSdk = typeof import('@aws-sdk/client-cognito-identity-provider');

export interface DoctorIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** Loads the AWS SDK's Cognito client; replaceable so its absence can be tested. */
  loadSdk?: () => Promise<CognitoSdk>;
  /** Asks the passkey handlers; replaceable to check handlers of any make. */
  fetch?: typeof fetch;
}
