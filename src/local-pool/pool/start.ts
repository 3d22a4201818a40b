import type { AddressInfo } from 'node:net';
import type { SignInLimits } from '../../triggers/index.ts';
import { AttributeSchema, customAttributeName } from '../accounts/attribute-schema.ts';
import { SignUpFlow } from '../accounts/sign-up.ts';
import { createDescribeOperations } from '../api/describe-operations.ts';
import { createOperations } from '../api/operations.ts';
import { createPoolServer } from '../api/server.ts';
import {
  appClients,
  defaultExplicitAuthFlows,
  type ExplicitAuthFlow,
  type ExtraClientOptions,
  parseExplicitAuthFlows,
} from '../clients/explicit-auth-flows.ts';
import { FaultInjector, type FaultPlan } from '../local-aids/faults.ts';
import { type ChallengeEntry, LocalLog, type OutboxEntry } from '../local-aids/local-log.ts';
import { PoolStore } from '../persistence/pool-store.ts';
import { builtInTriggers, type PoolFlow } from '../sign-in/built-in-triggers.ts';
import { defaultSessionLimits, type SessionLimits, SessionStore } from '../sign-in/sessions.ts';
import { AuthFlow } from '../sign-in/sign-in-flow.ts';
import { loadTriggerModule, type TriggerHandlers } from '../sign-in/trigger-runner.ts';
import { UnknownUsers } from '../sign-in/unknown-users.ts';
import { TokenIssuer } from '../tokens/token-issuer.ts';

export interface LocalPoolOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 9229; 0 picks a free port. */
  port?: number;
  /**
   * Default `local_CustomAuth` (`us-east-1_CustomAuth` with `cognitoIssuer`); the part after
   * `_` is the SRP pool name.
   */
  userPoolId?: string;
  /**
   * Issue tokens as Cognito does, with the issuer `https://cognito-idp.<region>.amazonaws.com/
   * <userPoolId>`, so that a backend checks them with `aws-jwt-verify`'s CognitoJwtVerifier
   * (fed the pool's JWKS with `cacheJwks`). Needs a Cognito-shaped pool id. Default: the
   * issuer is the pool's own URL and pool id.
   */
  cognitoIssuer?: boolean;
  /** Default `localcustomauthclient00000`. */
  clientId?: string;
  /** Keep users and keys in this folder across restarts; in memory only when absent. */
  dataDir?: string;
  /**
   * Which variant the built-in triggers run. Default passwordless. `either` follows the
   * client: a sign-in that opens with SRP_A (CUSTOM_WITH_SRP) gets the password step.
   */
  flow?: PoolFlow;
  /** A module path exporting the three handlers, or the handlers themselves. */
  triggers?: string | TriggerHandlers;
  /** AuthSessionValidity in seconds. Default 180. */
  sessionValiditySeconds?: number;
  /** Default true: unknown users get a challenge that can never be passed. */
  preventUserExistenceErrors?: boolean;
  /**
   * Usernames are case-sensitive ("Alice" and "alice" are two users), as in pools made through
   * Cognito's API or CloudFormation. Default: case-insensitive for new data, else the setting
   * stored with the data; asking a data folder for the other setting stops the pool, as Cognito
   * cannot change it after a pool is made.
   */
  caseSensitive?: boolean;
  /**
   * The app client's ExplicitAuthFlows. Default `ALLOW_CUSTOM_AUTH` and
   * `ALLOW_REFRESH_TOKEN_AUTH`: the kit needs no more, and `ALLOW_USER_SRP_AUTH`,
   * `ALLOW_USER_PASSWORD_AUTH` or `ALLOW_USER_AUTH` would let a password alone sign in,
   * skipping every challenge. Other flows are refused as Cognito refuses them.
   */
  explicitAuthFlows?: readonly ExplicitAuthFlow[];
  /**
   * More app clients of the pool, each with its own explicit auth flows and otherwise as the
   * main one. Every client signs in against the same users, so one that allows a password
   * alone opens the pool to it whatever the main client allows.
   */
  extraClients?: readonly ExtraClientOptions[];
  /**
   * The pool's custom attributes (`tier` or `custom:tier`), which SignUp may write and
   * DescribeUserPool reports. Default none: SignUp refuses any `custom:` attribute, as Cognito
   * refuses one its schema lacks.
   */
  customAttributes?: readonly string[];
  /** Bounds on open sign-in sessions; default 50 per username and 20,000 in all. */
  sessionLimits?: Partial<SessionLimits>;
  /**
   * The built-in triggers' limits per username across sign-ins (codes sent, wrong answers,
   * the longest wait); counted in this pool's memory. Default as the triggers': 5 messages and
   * 5 wrong answers before waits begin, waits up to 15 minutes. Which spellings of a name
   * nobody has are one name follows `caseSensitive`.
   */
  limits?: Omit<SignInLimits, 'store' | 'caseSensitiveUsernames'>;
  /** Delay added to every API request, in milliseconds. */
  latencyMs?: number;
  /** Where codes and internal errors are printed. Default console.log. */
  log?: (line: string) => void;
}

export interface LocalPool {
  endpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The app client's ExplicitAuthFlows, as DescribeUserPoolClient reports them. */
  explicitAuthFlows: readonly ExplicitAuthFlow[];
  /** Whether usernames are case-sensitive, as asked or as stored with the data. */
  caseSensitive: boolean;
  /** Ready for `Amplify.configure(...)`. */
  amplifyConfig: {
    Auth: {
      Cognito: {
        userPoolId: string;
        userPoolClientId: string;
        userPoolEndpoint: string;
        loginWith: { username: true };
      };
    };
  };
  outbox: (username?: string) => OutboxEntry[];
  challenges: (username?: string) => ChallengeEntry[];
  /** Cognito API requests served so far, by operation. */
  requestCounts: () => Record<string, number>;
  resetRequestCounts: () => void;
  failNext: (plan: FaultPlan) => void;
  /** Resolves once every change is saved and the server is closed. */
  close: () => Promise<void>;
}

export const defaultUserPoolId = 'local_CustomAuth';
export const defaultCognitoShapedPoolId = 'us-east-1_CustomAuth';

/** Cognito's pool ids: an AWS region, `_`, letters and digits. */
const cognitoShapedPoolId = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;
export const defaultClientId = 'localcustomauthclient00000';

export type { PoolFlow } from '../sign-in/built-in-triggers.ts';

/** Starts a Cognito-compatible user pool that runs the custom-auth triggers in process. */

/** The extra clients that run a flow of their own, by client id. */
function clientFlowsOf(extras: readonly ExtraClientOptions[]): Record<string, PoolFlow> {
  return Object.fromEntries(
    extras.flatMap(({ clientId, flow }) => (flow === undefined ? [] : [[clientId, flow]])),
  );
}

function customAttributesOf(options: LocalPoolOptions): string[] {
  try {
    return (options.customAttributes ?? []).map(customAttributeName);
  } catch (error) {
    throw new Error(`customAttributes: ${(error as Error).message}`);
  }
}

export async function startLocalPool(options: LocalPoolOptions = {}): Promise<LocalPool> {
  const { cognitoIssuer = false } = options;
  const userPoolId =
    options.userPoolId ?? (cognitoIssuer ? defaultCognitoShapedPoolId : defaultUserPoolId);
  const [region, poolName] = userPoolId.split('_');
  if (!region || !poolName) {
    throw new Error(`A user pool id looks like <region>_<name>, not ${userPoolId}.`);
  }
  if (cognitoIssuer && !cognitoShapedPoolId.test(userPoolId)) {
    throw new Error(
      `Cognito-style issuers need a pool id such as ${defaultCognitoShapedPoolId}, not ${userPoolId}.`,
    );
  }
  const schema = new AttributeSchema(customAttributesOf(options));
  const clientId = options.clientId ?? defaultClientId;
  const log = options.log ?? ((line: string) => console.log(`[local pool] ${line}`));
  const store = await PoolStore.open(
    userPoolId,
    options.dataDir,
    (error) => log(`cannot save to ${options.dataDir}: ${String(error)}`),
    { caseSensitive: options.caseSensitive },
  );
  if (options.caseSensitive === undefined && store.caseSensitive) {
    log(`usernames are case-sensitive, as stored with the data in ${options.dataDir}`);
  }
  const outbox = new LocalLog<OutboxEntry>(store.usernameKey);
  const challenges = new LocalLog<ChallengeEntry>(store.usernameKey);
  // Decoys for unknown users stay the same across restarts, as a real user's address does.
  const decoySecret = `${store.unknownUserSecret}:decoys`;
  const triggers =
    typeof options.triggers === 'string'
      ? await loadTriggerModule(options.triggers)
      : (options.triggers ??
        builtInTriggers(
          {
            ...options,
            clientFlows: clientFlowsOf(options.extraClients ?? []),
            // Names nobody has are counted by name: spellings the pool tells apart stay apart.
            limits: { ...options.limits, caseSensitiveUsernames: store.caseSensitive },
          },
          outbox,
          log,
          decoySecret,
        ));
  let endpoint = '';
  const tokens = await TokenIssuer.create(store, () =>
    cognitoIssuer
      ? `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`
      : `${endpoint}/${userPoolId}`,
  );
  const preventUserExistenceErrors = options.preventUserExistenceErrors ?? true;
  const explicitAuthFlows = parseExplicitAuthFlows(
    options.explicitAuthFlows ?? defaultExplicitAuthFlows,
  );
  const clients = appClients(
    { clientId, clientName: 'local-custom-auth', explicitAuthFlows },
    options.extraClients ?? [],
  );
  const sessionValiditySeconds = options.sessionValiditySeconds ?? 180;
  const pool = { region, userPoolId, poolName };
  const authFlow = new AuthFlow({
    pool,
    store,
    tokens,
    triggers,
    challenges,
    preventUserExistenceErrors,
    log,
    unknownUsers: new UnknownUsers(store.unknownUserSecret, store.usernameKey),
    sessions: new SessionStore(
      sessionValiditySeconds * 1000,
      { ...defaultSessionLimits, ...options.sessionLimits },
      store.usernameKey,
    ),
  });
  const signUpFlow = new SignUpFlow({
    poolName,
    store,
    schema,
    outbox,
    preventUserExistenceErrors,
    log,
    decoySecret,
  });
  const faults = new FaultInjector();
  let counts: Record<string, number> = {};
  const amplifyConfig = () => ({
    Auth: {
      Cognito: {
        userPoolId,
        userPoolClientId: clientId,
        userPoolEndpoint: endpoint,
        loginWith: { username: true as const },
      },
    },
  });
  const host = options.host ?? '127.0.0.1';
  const server = createPoolServer({
    userPoolId,
    host,
    operations: {
      ...createOperations({
        userPoolId,
        clients: new Map(
          clients.map((client) => [client.clientId, new Set(client.explicitAuthFlows)]),
        ),
        store,
        schema,
        tokens,
        authFlow,
        signUpFlow,
      }),
      ...createDescribeOperations({
        userPoolId,
        region,
        poolName,
        clients,
        preventUserExistenceErrors,
        caseSensitive: store.caseSensitive,
        sessionValiditySeconds,
        schemaAttributes: schema.describe(),
        userCount: () => store.userCount,
      }),
    },
    jwks: () => tokens.jwks,
    config: () => ({
      endpoint,
      userPoolId,
      userPoolClientId: clientId,
      amplifyConfig: amplifyConfig(),
    }),
    outbox,
    challenges,
    faults,
    latencyMs: options.latencyMs ?? 0,
    countRequest: (operation) => {
      counts[operation] = (counts[operation] ?? 0) + 1;
    },
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9229, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    endpoint,
    userPoolId,
    userPoolClientId: clientId,
    explicitAuthFlows,
    caseSensitive: store.caseSensitive,
    amplifyConfig: amplifyConfig(),
    outbox: (username) => outbox.list(username),
    challenges: (username) => challenges.list(username),
    requestCounts: () => ({ ...counts }),
    resetRequestCounts: () => {
      counts = {};
    },
    failNext: (plan) => faults.set(plan),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.persist();
    },
  };
}
