import type { AddressInfo } from 'node:net';
import { AttributeSchema, customAttributeName } from '../accounts/attribute-schema.ts';
import { SignUpFlow } from '../accounts/sign-up.ts';
import { createDescribeOperations } from '../api/describe-operations.ts';
import { createOperations } from '../api/operations.ts';
import { createPoolServer, passkeyChallengePath, passkeyManagementPath } from '../api/server.ts';
import { appClients, type ExtraClientOptions } from '../clients/app-clients.ts';
import {
  defaultExplicitAuthFlows,
  type ExplicitAuthFlow,
  parseExplicitAuthFlows,
} from '../clients/explicit-auth-flows.ts';
import { FaultInjector, type FaultPlan } from '../local-aids/faults.ts';
import { type ChallengeEntry, LocalLog, type OutboxEntry } from '../local-aids/local-log.ts';
import { outboxTarget } from '../local-aids/outbox-senders.ts';
import {
  localPasskeyChallengeHandler,
  localPasskeyManagementHandler,
} from '../passkeys/passkey-handlers.ts';
import { PoolStore } from '../persistence/pool-store.ts';
import { builtInTriggers, type PoolFlow } from '../sign-in/built-in-triggers.ts';
import { defaultSessionLimits, SessionStore } from '../sign-in/sessions.ts';
import { SignInFlow } from '../sign-in/sign-in-flow.ts';
import { loadTriggerModule } from '../sign-in/trigger-module.ts';
import { UnknownUsers } from '../sign-in/unknown-users.ts';
import { TokenIssuer } from '../tokens/token-issuer.ts';
import {
  cognitoShapedPoolId,
  defaultClientId,
  defaultCognitoShapedPoolId,
  defaultUserPoolId,
  type LocalPoolOptions,
} from './options.ts';

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
  /**
   * Where a page asks for a passkey challenge before anyone is named (the username field's
   * autofill): `passkeyChallengeHandler` over the built-in triggers' passkeys.
   */
  passkeyChallengeUrl: string;
  /** Where a signed-in page lists, adds and removes passkeys: `passkeyManagementHandler`. */
  passkeyManagementUrl: string;
  outbox: (username?: string) => OutboxEntry[];
  challenges: (username?: string) => ChallengeEntry[];
  /** Cognito API requests served so far, by operation. */
  requestCounts: () => Record<string, number>;
  resetRequestCounts: () => void;
  failNext: (plan: FaultPlan) => void;
  /** Resolves once every change is saved and the server is closed. */
  close: () => Promise<void>;
}

/** Sets the variables on process.env; returns what puts the earlier values back. */
function applyEnvironment(environment: Readonly<Record<string, string>>): () => void {
  const earlier = Object.keys(environment).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, environment);
  return () => {
    for (const [name, value] of earlier) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

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
  const tokenValiditySeconds = options.tokenValiditySeconds ?? 3600;
  if (
    !Number.isInteger(tokenValiditySeconds) ||
    tokenValiditySeconds < 1 ||
    tokenValiditySeconds > 86_400
  ) {
    throw new Error(
      `tokenValiditySeconds must be a whole number from 1 to 86400, not ${tokenValiditySeconds}.`,
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
  // One for the built-in triggers and the passkey challenge handler: the challenges the
  // handler issues are the steps' to take.
  const passkeys = store.passkeyStore();
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
          decoySecret,
          passkeys,
        ));
  let endpoint = '';
  const tokens = await TokenIssuer.create(
    store,
    () =>
      cognitoIssuer
        ? `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`
        : `${endpoint}/${userPoolId}`,
    tokenValiditySeconds,
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
  const signInFlow = new SignInFlow({
    pool,
    store,
    tokens,
    triggers,
    challenges,
    outbox: outboxTarget(outbox, log),
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
  let manage: ReturnType<typeof localPasskeyManagementHandler> | undefined;
  const passkeyUrls = () => ({
    passkeyChallengeUrl: endpoint + passkeyChallengePath,
    passkeyManagementUrl: endpoint + passkeyManagementPath,
  });
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
        signInFlow,
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
        tokenValiditySeconds,
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
      ...passkeyUrls(),
    }),
    passkeyChallenge: options.passkeyFunctions?.challenge ?? localPasskeyChallengeHandler(passkeys),
    // Made at the first request: GetUser is asked of this pool, at the address it listens on.
    passkeyManagement:
      options.passkeyFunctions?.management ??
      ((event) => {
        manage ??= localPasskeyManagementHandler(passkeys, { endpoint, userPoolId });
        return manage(event);
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
  // Once nothing can fail any more: a pool that does not start leaves the environment as it was.
  const { environment = {} } = options;
  let restoreEnvironment: () => void;
  try {
    restoreEnvironment = applyEnvironment(
      typeof environment === 'function' ? environment({ endpoint, userPoolId }) : environment,
    );
  } catch (error) {
    await new Promise<void>((done) => server.close(() => done()));
    throw error;
  }
  return {
    endpoint,
    userPoolId,
    userPoolClientId: clientId,
    explicitAuthFlows,
    caseSensitive: store.caseSensitive,
    amplifyConfig: amplifyConfig(),
    ...passkeyUrls(),
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
      restoreEnvironment();
    },
  };
}
