import { CfnOutput } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { USER_POOL_ID_VARIABLE } from '../challenges/passkey/server/ready-functions.ts';
import { type KitFunctionSettings, kitFunction } from './kit-function.ts';

/** What the passkey store does with the table's items, besides counting. */
export const passkeyItemActions = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchGetItem',
];

/**
 * Lets a function do `actions` on the table's items whose key starts with one of `prefixes`
 * only (`passkey#`...), so that it can touch neither the attempt counters nor the decoys'
 * secret kept beside them.
 */
export function grantItemsUnder(
  fn: LambdaFunction,
  table: Table,
  actions: readonly string[],
  prefixes: readonly string[],
) {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': prefixes.map((prefix) => `${prefix}#*`),
        },
      },
    }),
  );
}

/** The two functions pages call for passkeys, each behind a function URL. */
export interface PasskeyFunctions {
  /** Challenges for a sign-in from the username field's autofill (`passkeyChallengeHandler`). */
  readonly challenge: LambdaFunction;
  /** Listing, adding and removing the signed-in user's passkeys (`passkeyManagementHandler`). */
  readonly management: LambdaFunction;
  /** What the app gives `passkeyAutofill({ challengeUrl })`. */
  readonly challengeUrl: string;
  /** What the app gives `passkeyManagement({ url })`. */
  readonly managementUrl: string;
}

/**
 * The passkey functions, with the passkey settings and the table in `environment`. Their URLs
 * take no IAM signature (pages call them); each handler answers only the listed origins
 * (CORS), and management only a valid access token of the pool.
 */
export function passkeyFunctions(
  scope: Construct,
  environment: Record<string, string>,
  table: Table,
  userPool: IUserPool,
  settings: KitFunctionSettings,
): PasskeyFunctions {
  const challenge = kitFunction(
    scope,
    'PasskeyChallenge',
    'passkeyChallenge',
    environment,
    settings,
  );
  // GetUser, which checks the token, may take up to 5 seconds itself.
  const management = kitFunction(
    scope,
    'PasskeyManagement',
    'passkeyManagement',
    { ...environment, [USER_POOL_ID_VARIABLE]: userPool.userPoolId },
    settings,
    10,
  );
  // Issuing a challenge writes it; nothing else.
  grantItemsUnder(challenge, table, ['dynamodb:PutItem'], ['passkeyChallenge']);
  // The user's passkeys, their list, and the step-up each change uses up.
  grantItemsUnder(management, table, passkeyItemActions, ['passkey', 'passkeys', 'stepUp']);
  // No CORS on the URLs: the handlers answer it themselves, for the listed origins only.
  const challengeUrl = challenge.addFunctionUrl({ authType: FunctionUrlAuthType.NONE }).url;
  const managementUrl = management.addFunctionUrl({ authType: FunctionUrlAuthType.NONE }).url;
  new CfnOutput(scope, 'PasskeyChallengeUrl', {
    value: challengeUrl,
    description: 'The app: passkeyAutofill({ challengeUrl })',
  });
  new CfnOutput(scope, 'PasskeyManagementUrl', {
    value: managementUrl,
    description: 'The app: passkeyManagement({ url })',
  });
  return { challenge, management, challengeUrl, managementUrl };
}
