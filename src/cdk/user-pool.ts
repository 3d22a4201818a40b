import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, type IUserPool, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { DeployedChain } from './chain.ts';

/** What a new pool is made with, of the construct's props. */
export interface UserPoolProps {
  readonly caseSensitiveUsernames?: boolean;
  readonly selfSignUp?: boolean;
}

/**
 * cdk-nag's AwsSolutions findings a new pool is built to accept, each with its reason
 * (docs/deploying.md lists them).
 */
const poolAcknowledgements = [
  {
    id: 'AwsSolutions::AwsSolutions-COG2',
    reason:
      "The custom flow is the second factor: every sign-in proves the user holds a verified address (a one-time code), after the password in passwordThenCode. Cognito's MFA applies to the password flows this pool's client refuses.",
  },
  {
    id: 'AwsSolutions::AwsSolutions-COG8',
    reason:
      "Threat protection needs the Plus plan, billed per user; the triggers enforce the kit's own limits (codes per window, wrong answers, growing lock-outs) in the limits table. Attach a pool of your own on Plus to add it.",
  },
];

const smsRoleAcknowledgement = {
  id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
  reason:
    "Cognito's role for texting sign-up codes publishes to phone numbers, which have no ARN to name; only Cognito may take it, with the pool's external id.",
};

/**
 * The pool as one the triggers can be attached to. Told apart by what it can do rather than
 * by its class, which another copy of aws-cdk-lib (Amplify's) defines again.
 */
export function attachable(pool: IUserPool): UserPool {
  if (typeof (pool as Partial<UserPool>).addTrigger !== 'function') {
    throw new Error(
      'userPool must be a UserPool made in this app: CDK cannot attach triggers to a pool imported by id (UserPool.fromUserPoolId). Attach them with the console or the API, or let the construct make the pool.',
    );
  }
  return pool as UserPool;
}

/** A pool with safe defaults for the chain: verified addresses to send to, nothing to sign in with a password alone. */
export function newUserPool(
  scope: Construct,
  props: UserPoolProps,
  chain: DeployedChain,
): UserPool {
  const phone = chain.sendsSms;
  const pool = new UserPool(scope, 'UserPool', {
    selfSignUpEnabled: props.selfSignUp ?? true,
    signInCaseSensitive: props.caseSensitiveUsernames ?? false,
    signInAliases: { username: true, email: true },
    standardAttributes: {
      email: { required: true, mutable: true },
      ...(phone ? { phoneNumber: { required: chain.needsPhone, mutable: true } } : {}),
    },
    autoVerify: { email: true, phone },
    // A new address receives codes only once verified: until then the old one stays.
    keepOriginal: { email: true, phone },
    accountRecovery: phone
      ? AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL
      : AccountRecovery.EMAIL_ONLY,
    // Cognito's own default policy, written out: sign-up still sets a password.
    passwordPolicy: {
      minLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
    },
    featurePlan: FeaturePlan.ESSENTIALS,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(pool).acknowledge(...poolAcknowledgements);
  // Made by CDK once the pool verifies phone numbers: Cognito texts the sign-up codes.
  const smsRole = pool.node.tryFindChild('smsRole');
  if (smsRole) Validations.of(smsRole).acknowledge(smsRoleAcknowledgement);
  return pool;
}
