import type { SchemaAttribute } from '../accounts/attribute-schema.ts';
import type { AppClient } from '../clients/app-clients.ts';
import { invalidParameter, resourceNotFound } from '../protocol/errors.ts';
import {
  type Operation,
  optionalString,
  type RequestBody,
  requiredString,
} from '../protocol/request-body.ts';

/** The settings DescribeUserPool, DescribeUserPoolClient and ListUserPoolClients report. */
export interface PoolSettings {
  userPoolId: string;
  region: string;
  poolName: string;
  /** The main client first; the others share its remaining settings. */
  clients: readonly AppClient[];
  preventUserExistenceErrors: boolean;
  caseSensitive: boolean;
  sessionValiditySeconds: number;
  tokenValiditySeconds: number;
  schemaAttributes: readonly SchemaAttribute[];
  userCount: () => number;
}

/** Access and ID token validity as Cognito reports it: in minutes, or seconds if not whole. */
function tokenValidity(seconds: number) {
  const unit = seconds % 60 === 0 ? 'minutes' : 'seconds';
  const value = unit === 'minutes' ? seconds / 60 : seconds;
  return {
    AccessTokenValidity: value,
    IdTokenValidity: value,
    TokenValidityUnits: { AccessToken: unit, IdToken: unit, RefreshToken: 'days' },
  };
}

/** A fake account id: the ARNs are well-formed, and obviously not a real account's. */
const account = '000000000000';

const lambdaArn = (region: string, name: string) =>
  `arn:aws:lambda:${region}:${account}:function:local-${name}`;

export function checkPool(settings: { userPoolId: string }, body: RequestBody): void {
  const userPoolId = requiredString(body, 'UserPoolId', 55);
  if (userPoolId !== settings.userPoolId) {
    throw resourceNotFound(`User pool ${userPoolId} does not exist.`);
  }
}

const maxPageSize = 60;

/** MaxResults as the API reference bounds it (1 to 60), the largest page when absent. */
function pageSize(body: RequestBody): number {
  const value = body.MaxResults;
  if (value === undefined || value === null) return maxPageSize;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidParameter("Value at 'maxResults' must be an integer.");
  }
  if (value < 1 || value > maxPageSize) {
    const bound = value < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxPageSize}`;
    throw invalidParameter(
      `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  return value;
}

/** NextToken is opaque to clients; here it is the position of the next client, encoded. */
function pageStart(body: RequestBody, count: number): number {
  const token = optionalString(body, 'NextToken', 131_072);
  if (token === undefined) return 0;
  const start = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 1 || start >= count) {
    throw invalidParameter('Invalid pagination token.');
  }
  return start;
}

/**
 * DescribeUserPool, DescribeUserPoolClient and ListUserPoolClients, shaped as the API
 * reference documents them, so tools that audit a pool (such as the doctor command) can be
 * run against this one.
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
          UsernameConfiguration: { CaseSensitive: settings.caseSensitive },
          AutoVerifiedAttributes: ['email'],
          SchemaAttributes: settings.schemaAttributes,
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
          VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
          EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
          AccountRecoverySetting: {
            RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
          },
          // This pool changes no attribute after sign-up, so none ever takes effect unverified.
          UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        },
      };
    },
    ListUserPoolClients: (body) => {
      checkPool(settings, body);
      const size = pageSize(body);
      const start = pageStart(body, settings.clients.length);
      const end = start + size;
      return {
        UserPoolClients: settings.clients.slice(start, end).map((client) => ({
          ClientId: client.clientId,
          UserPoolId: userPoolId,
          ClientName: client.clientName,
        })),
        ...(end < settings.clients.length
          ? { NextToken: Buffer.from(String(end)).toString('base64url') }
          : {}),
      };
    },
    DescribeUserPoolClient: (body) => {
      checkPool(settings, body);
      const clientId = requiredString(body, 'ClientId', 128);
      const client = settings.clients.find((candidate) => candidate.clientId === clientId);
      if (!client) {
        throw resourceNotFound(`User pool client ${clientId} does not exist.`);
      }
      return {
        UserPoolClient: {
          UserPoolId: userPoolId,
          ClientName: client.clientName,
          ClientId: clientId,
          CreationDate: created,
          LastModifiedDate: created,
          RefreshTokenValidity: 30,
          ...tokenValidity(settings.tokenValiditySeconds),
          ExplicitAuthFlows: [...client.explicitAuthFlows],
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
