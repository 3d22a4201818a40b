import type { ExplicitAuthFlow } from './auth-flows.ts';
import { resourceNotFound } from './errors.ts';
import type { Operation } from './operations.ts';
import { type RequestBody, requiredString } from './request.ts';

/** The settings DescribeUserPool and DescribeUserPoolClient report. */
export interface PoolSettings {
  userPoolId: string;
  region: string;
  poolName: string;
  clientId: string;
  explicitAuthFlows: readonly ExplicitAuthFlow[];
  preventUserExistenceErrors: boolean;
  sessionValiditySeconds: number;
  userCount: () => number;
}

/** A fake account id: the ARNs are well-formed, and obviously not a real account's. */
const account = '000000000000';

const lambdaArn = (region: string, name: string) =>
  `arn:aws:lambda:${region}:${account}:function:local-${name}`;

function checkPool(settings: PoolSettings, body: RequestBody): void {
  const userPoolId = requiredString(body, 'UserPoolId', 55);
  if (userPoolId !== settings.userPoolId) {
    throw resourceNotFound(`User pool ${userPoolId} does not exist.`);
  }
}

/**
 * DescribeUserPool and DescribeUserPoolClient, shaped as the API reference documents them,
 * so tools that audit a pool (such as the doctor command) can be run against this one.
 */
export function createDescribeOperations(settings: PoolSettings): Record<string, Operation> {
  // Epoch seconds, as the JSON protocol sends timestamps.
  const created = Math.floor(Date.now() / 1000);
  const { region, userPoolId } = settings;
  return {
    DescribeUserPool: (body) => {
      checkPool(settings, body);
      return {
        UserPool: {
          Id: userPoolId,
          Name: settings.poolName,
          Arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${userPoolId}`,
          CreationDate: created,
          LastModifiedDate: created,
          Status: 'Enabled',
          DeletionProtection: 'INACTIVE',
          UserPoolTier: 'ESSENTIALS',
          EstimatedNumberOfUsers: settings.userCount(),
          MfaConfiguration: 'OFF',
          LambdaConfig: {
            DefineAuthChallenge: lambdaArn(region, 'define-auth-challenge'),
            CreateAuthChallenge: lambdaArn(region, 'create-auth-challenge'),
            VerifyAuthChallengeResponse: lambdaArn(region, 'verify-auth-challenge-response'),
          },
          Policies: {
            PasswordPolicy: {
              MinimumLength: 8,
              RequireUppercase: true,
              RequireLowercase: true,
              RequireNumbers: true,
              RequireSymbols: true,
              TemporaryPasswordValidityDays: 7,
            },
          },
          UsernameConfiguration: { CaseSensitive: false },
          AutoVerifiedAttributes: ['email'],
          SchemaAttributes: [
            { Name: 'sub', AttributeDataType: 'String', Mutable: false, Required: true },
            { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: false },
            { Name: 'phone_number', AttributeDataType: 'String', Mutable: true, Required: false },
          ],
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
          VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
          EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
          AccountRecoverySetting: {
            RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
          },
        },
      };
    },
    DescribeUserPoolClient: (body) => {
      checkPool(settings, body);
      const clientId = requiredString(body, 'ClientId', 128);
      if (clientId !== settings.clientId) {
        throw resourceNotFound(`User pool client ${clientId} does not exist.`);
      }
      return {
        UserPoolClient: {
          UserPoolId: userPoolId,
          ClientName: 'local-custom-auth',
          ClientId: clientId,
          CreationDate: created,
          LastModifiedDate: created,
          RefreshTokenValidity: 30,
          AccessTokenValidity: 60,
          IdTokenValidity: 60,
          TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
          ExplicitAuthFlows: [...settings.explicitAuthFlows],
          AllowedOAuthFlowsUserPoolClient: false,
          PreventUserExistenceErrors: settings.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
          EnableTokenRevocation: true,
          EnablePropagateAdditionalUserContextData: false,
          // Cognito reports it in minutes (3 to 15); the pool keeps seconds for short tests.
          AuthSessionValidity: Math.ceil(settings.sessionValiditySeconds / 60),
        },
      };
    },
  };
}
