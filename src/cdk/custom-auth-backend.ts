import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  type IUserPool,
  type UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LINK_KEYS_SECRET_VARIABLE } from '../challenges/magic-link/server/secrets-manager.ts';
import {
  PASSKEYS_VARIABLE,
  type PasskeySettings,
} from '../challenges/passkey/server/deployed-party.ts';
import { SENDER_EMAIL_VARIABLE } from '../triggers/delivery/ses.ts';
import { attemptStoreActions, LIMITS_TABLE_VARIABLE } from '../triggers/limits/dynamodb-store.ts';
import type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
import type { CustomAuthStepSpec } from '../triggers/presets/step-specs.ts';
import { deployedChain } from './chain.ts';
import { shippedHandlers } from './handler-code.ts';
import { kitFunction } from './kit-function.ts';
import { linkKeysSecret } from './link-keys-secret.ts';
import {
  grantItemsUnder,
  type PasskeyFunctions,
  passkeyFunctions,
  passkeyItemActions,
} from './passkey-functions.ts';
import { sesIdentityArns } from './ses-identity.ts';
import { attachable, newUserPool } from './user-pool.ts';

export interface CustomAuthBackendProps {
  /** Which challenges a sign-in goes through. Default `passwordless`: a code by email. */
  readonly flow?: CustomAuthTriggerFlow;
  /**
   * The challenges as a chain of steps, in place of `flow`: `{ type: 'password' }` (first
   * only), `{ type: 'code', deliver? }`, `{ type: 'magicLink', redirectUris }`, and with
   * `passkeys`, `{ type: 'passkey' }` and `{ type: 'passkeyEnrollment' }`, each with its
   * options. A chain with a magic link gets a secret of link keys, generated, that only Create
   * and Verify may read (docs/deploying.md says how to rotate it).
   */
  readonly steps?: readonly CustomAuthStepSpec[];
  /**
   * Who the passkeys are for and where they are used, for `passkey` and `passkeyEnrollment`
   * steps: `{ rpId: 'example.com', origins: ['https://app.example.com'] }`. They are kept in
   * the limits table, which is then retained with the stack, and two functions behind URLs
   * serve the pages: `passkeyFunctions`.
   */
  readonly passkeys?: PasskeySettings;
  /**
   * The address codes are sent from, an Amazon SES identity (the address itself, or its
   * domain, verified in the stack's region). Without it the stack synthesizes with a warning,
   * and no code can be sent until it is set.
   */
  readonly senderEmail?: string;
  /**
   * A user pool made in the same app (a `UserPool`, such as Amplify Gen 2's
   * `backend.auth.resources.userPool`) to attach the triggers to, instead of a new one. Its
   * challenge triggers must be free; its other settings are its own. A pool imported by id
   * cannot take triggers from CDK.
   */
  readonly userPool?: IUserPool;
  /** Whether "Alice" and "alice" are two users, in a new pool. Default false. */
  readonly caseSensitiveUsernames?: boolean;
  /** Whether anyone may create an account (the drop-in's sign-up), in a new pool. Default true. */
  readonly selfSignUp?: boolean;
  /**
   * How long a sign-in may take from its first request, 3 to 15 minutes. Default 3 minutes:
   * the kit's `sessionValidityMs` expects it.
   */
  readonly sessionValidity?: Duration;
  /** The triggers' Node.js runtime. Default Node.js 24. */
  readonly runtime?: Runtime;
  /** How long the triggers' logs are kept. Default one month. */
  readonly logRetention?: RetentionDays;
  /**
   * The handlers' code: a folder or zip whose `index` module exports `defineAuthChallenge`,
   * `createAuthChallenge` and `verifyAuthChallengeResponse`. Default: the bundle of the
   * ready-made handlers the package ships.
   */
  readonly code?: Code;
}

/** The trigger functions the construct makes, by the Cognito trigger each one is. */
export type CustomAuthTriggerId =
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse';

/** The three trigger handlers, by the Cognito operation each one answers. */
const triggers: ReadonlyArray<{
  id: CustomAuthTriggerId;
  handler: string;
  on: 'DEFINE_AUTH_CHALLENGE' | 'CREATE_AUTH_CHALLENGE' | 'VERIFY_AUTH_CHALLENGE_RESPONSE';
}> = [
  { id: 'DefineAuthChallenge', handler: 'defineAuthChallenge', on: 'DEFINE_AUTH_CHALLENGE' },
  { id: 'CreateAuthChallenge', handler: 'createAuthChallenge', on: 'CREATE_AUTH_CHALLENGE' },
  {
    id: 'VerifyAuthChallengeResponse',
    handler: 'verifyAuthChallengeResponse',
    on: 'VERIFY_AUTH_CHALLENGE_RESPONSE',
  },
];

/**
 * The backend of Cognito's custom authentication flow for the kit: a user pool (or yours)
 * with safe defaults, an app client that allows the custom flow and nothing a password alone
 * could sign in with, the Define / Create / Verify triggers with least privilege, and the
 * table that keeps the sign-in limits. `amplifyConfig` (and the stack's outputs) give what
 * `Amplify.configure` needs.
 */
export class CustomAuthBackend extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly limitsTable: Table;
  /** The keys that sign magic links, when a step sends them. */
  readonly linkKeys?: Secret;
  /** The functions pages call for passkeys, with their URLs, when there are passkeys. */
  readonly passkeyFunctions?: PasskeyFunctions;
  readonly functions: Readonly<Record<CustomAuthTriggerId, LambdaFunction>>;

  constructor(scope: Construct, id: string, props: CustomAuthBackendProps = {}) {
    super(scope, id);
    // Checked first: a chain or address the functions would refuse stops the synth before
    // anything is built.
    const chain = deployedChain(props);
    const senderIdentities =
      props.senderEmail === undefined
        ? undefined
        : sesIdentityArns(props.senderEmail, Stack.of(this));
    this.userPool = props.userPool ? attachable(props.userPool) : newUserPool(this, props, chain);
    this.limitsTable = new Table(this, 'SignInLimits', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      timeToLiveAttribute: 'ttl',
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Counters that expire within hours are nothing to keep when the stack goes; passkeys are.
      removalPolicy: chain.passkeys ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    if (chain.needsLinkKeys) this.linkKeys = linkKeysSecret(this);
    const environment = {
      ...chain.variables,
      [LIMITS_TABLE_VARIABLE]: this.limitsTable.tableName,
      ...(props.senderEmail ? { [SENDER_EMAIL_VARIABLE]: props.senderEmail } : {}),
      ...(this.linkKeys ? { [LINK_KEYS_SECRET_VARIABLE]: this.linkKeys.secretArn } : {}),
    };
    const settings = { ...props, code: props.code ?? shippedHandlers() };
    const made = triggers.map(({ id: triggerId, handler, on }) => {
      const fn = kitFunction(this, triggerId, handler, environment, settings);
      this.userPool.addTrigger(UserPoolOperation[on], fn);
      return [triggerId, fn] as const;
    });
    this.functions = Object.fromEntries(made) as Record<CustomAuthTriggerId, LambdaFunction>;
    // Only Create and Verify count attempts, sign links and check passkeys; Define reads the
    // session alone.
    for (const counting of [
      this.functions.CreateAuthChallenge,
      this.functions.VerifyAuthChallengeResponse,
    ]) {
      this.limitsTable.grant(
        counting,
        ...(chain.passkeys ? passkeyItemActions : attemptStoreActions),
      );
      this.linkKeys?.grantRead(counting);
    }
    if (chain.passkeys) {
      // Define grants the step-up a finished sign-in earns, which passkey management takes.
      grantItemsUnder(
        this.functions.DefineAuthChallenge,
        this.limitsTable,
        ['dynamodb:PutItem'],
        ['stepUp'],
      );
      this.passkeyFunctions = passkeyFunctions(
        this,
        {
          [PASSKEYS_VARIABLE]: chain.passkeys,
          [LIMITS_TABLE_VARIABLE]: this.limitsTable.tableName,
        },
        this.limitsTable,
        this.userPool,
        settings,
      );
    }
    this.allowSending(props.senderEmail, senderIdentities);
    if (chain.sendsSms) this.allowTexting();
    this.userPoolClient = this.userPool.addClient('AppClient', {
      // ALLOW_CUSTOM_AUTH, and ALLOW_REFRESH_TOKEN_AUTH, which CDK always adds: any other flow
      // signs in with a password alone, without a challenge.
      authFlows: { custom: true },
      preventUserExistenceErrors: true,
      authSessionValidity: props.sessionValidity ?? Duration.minutes(3),
      // No hosted sign-in pages: they take a password and never run the challenge.
      disableOAuth: true,
      enableTokenRevocation: true,
      generateSecret: false,
    });
    this.addOutputs();
  }

  /** What the app passes to `Amplify.configure`. */
  get amplifyConfig() {
    return {
      Auth: {
        Cognito: {
          userPoolId: this.userPool.userPoolId,
          userPoolClientId: this.userPoolClient.userPoolClientId,
        },
      },
    };
  }

  /** Lets Create send from the sender's SES identity only, and only as that address. */
  private allowSending(senderEmail: string | undefined, identities: string[] | undefined) {
    if (!senderEmail || !identities) {
      Annotations.of(this).addWarningV2(
        'cognito-custom-auth:no-sender',
        'No senderEmail: the Create Auth Challenge trigger cannot send codes. Set senderEmail ' +
          'to an address whose SES identity (the address or its domain) is verified.',
      );
      return;
    }
    this.functions.CreateAuthChallenge.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: identities,
        conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
      }),
    );
  }

  /**
   * Lets Create send text messages, and only those: a phone number has no ARN to name, so
   * the grant is every publish but to a topic.
   */
  private allowTexting() {
    this.functions.CreateAuthChallenge.addToRolePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        notResources: [`arn:${Stack.of(this).partition}:sns:*:*:*`],
      }),
    );
  }

  private addOutputs() {
    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output('UserPoolId', this.userPool.userPoolId, 'Amplify: Auth.Cognito.userPoolId');
    output(
      'UserPoolClientId',
      this.userPoolClient.userPoolClientId,
      'Amplify: Auth.Cognito.userPoolClientId',
    );
    output(
      'AmplifyConfig',
      Stack.of(this).toJsonString(this.amplifyConfig),
      'What Amplify.configure takes',
    );
  }
}
