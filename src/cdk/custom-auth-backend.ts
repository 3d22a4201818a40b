import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  type IUserPool,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type Code,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LINK_KEYS_SECRET_VARIABLE } from '../challenges/magic-link/server/secrets-manager.ts';
import { SENDER_EMAIL_VARIABLE } from '../triggers/delivery/ses.ts';
import { LIMITS_TABLE_VARIABLE } from '../triggers/limits/dynamodb-store.ts';
import type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
import type { CustomAuthStepSpec } from '../triggers/presets/step-specs.ts';
import { type DeployedChain, deployedChain } from './chain.ts';
import { shippedHandlers } from './handler-code.ts';
import { linkKeysSecret } from './link-keys-secret.ts';
import { sesIdentityArns } from './ses-identity.ts';

export interface CustomAuthBackendProps {
  /** Which challenges a sign-in goes through. Default `passwordless`: a code by email. */
  readonly flow?: CustomAuthTriggerFlow;
  /**
   * The challenges as a chain of steps, in place of `flow`: `{ type: 'password' }` (first
   * only), `{ type: 'code' }`, `{ type: 'magicLink', redirectUris }`, each with its options.
   * A chain with a magic link gets a secret of link keys, generated, that only Create and
   * Verify may read (docs/deploying.md says how to rotate it).
   */
  readonly steps?: readonly CustomAuthStepSpec[];
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

/**
 * The pool as one the triggers can be attached to. Told apart by what it can do rather than
 * by its class, which another copy of aws-cdk-lib (Amplify's) defines again.
 */
function attachable(pool: IUserPool): UserPool {
  if (typeof (pool as Partial<UserPool>).addTrigger !== 'function') {
    throw new Error(
      'userPool must be a UserPool made in this app: CDK cannot attach triggers to a pool imported by id (UserPool.fromUserPoolId). Attach them with the console or the API, or let the construct make the pool.',
    );
  }
  return pool as UserPool;
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

const defaultRuntimeAcknowledgement = {
  id: 'AwsSolutions::AwsSolutions-L1',
  reason:
    'Node.js 24 (LTS, on Lambda until 2028) by default: a new major reaches every region later than CDK lists it. Pass `runtime` to choose another.',
};

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
    this.userPool = props.userPool ? attachable(props.userPool) : this.newUserPool(props, chain);
    this.limitsTable = new Table(this, 'SignInLimits', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      timeToLiveAttribute: 'ttl',
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Counters that expire within hours: nothing to keep when the stack goes.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    if (chain.needsLinkKeys) this.linkKeys = linkKeysSecret(this);
    const environment = {
      ...chain.variables,
      [LIMITS_TABLE_VARIABLE]: this.limitsTable.tableName,
      ...(props.senderEmail ? { [SENDER_EMAIL_VARIABLE]: props.senderEmail } : {}),
      ...(this.linkKeys ? { [LINK_KEYS_SECRET_VARIABLE]: this.linkKeys.secretArn } : {}),
    };
    const code = props.code ?? shippedHandlers();
    const made = triggers.map(({ id: triggerId, handler, on }) => {
      const fn = this.triggerFunction(triggerId, handler, code, environment, props);
      this.userPool.addTrigger(UserPoolOperation[on], fn);
      return [triggerId, fn] as const;
    });
    this.functions = Object.fromEntries(made) as Record<CustomAuthTriggerId, LambdaFunction>;
    // Only Create and Verify count attempts and sign links; Define reads the session alone.
    for (const counting of [
      this.functions.CreateAuthChallenge,
      this.functions.VerifyAuthChallengeResponse,
    ]) {
      this.limitsTable.grant(
        counting,
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      );
      this.linkKeys?.grantRead(counting);
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

  private newUserPool(props: CustomAuthBackendProps, chain: DeployedChain): UserPool {
    const phone = chain.sendsSms;
    const pool = new UserPool(this, 'UserPool', {
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

  private triggerFunction(
    triggerId: CustomAuthTriggerId,
    handler: string,
    code: Code,
    environment: Record<string, string>,
    props: CustomAuthBackendProps,
  ): LambdaFunction {
    const logGroup = new LogGroup(this, `${triggerId}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of its own with only its log group: no managed policy with logs:* on every group.
    const role = new Role(this, `${triggerId}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    const fn = new LambdaFunction(this, triggerId, {
      runtime: props.runtime ?? Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: `index.${handler}`,
      code,
      environment,
      role,
      logGroup,
      memorySize: 256,
      // Cognito waits 5 seconds for a trigger.
      timeout: Duration.seconds(5),
    });
    if (!props.runtime) Validations.of(fn).acknowledge(defaultRuntimeAcknowledgement);
    return fn;
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
      new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
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
