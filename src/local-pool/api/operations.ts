import type { AttributeSchema } from '../accounts/attribute-schema.ts';
import type { SignUpFlow } from '../accounts/sign-up.ts';
import {
  checkInitiateAuthFlow,
  checkRefreshAllowed,
  type ExplicitAuthFlow,
} from '../clients/explicit-auth-flows.ts';
import { verifiedAttributes } from '../persistence/pool-data.ts';
import type { PoolStore } from '../persistence/pool-store.ts';
import {
  CognitoError,
  invalidParameter,
  notAuthorized,
  resourceNotFound,
  userNotFound,
} from '../protocol/errors.ts';
import {
  attributeList,
  type Operation,
  optionalString,
  type RequestBody,
  requiredParameter,
  requiredString,
  stringMap,
} from '../protocol/request-body.ts';
import type { SignInFlow } from '../sign-in/sign-in-flow.ts';
import type { TokenIssuer } from '../tokens/token-issuer.ts';
import { checkPool } from './describe-operations.ts';

/** ClientMetadata rides along with a session, so it is kept small. */
const maxMetadataEntries = 50;
const maxMetadataLength = 4_096;

function boundedMetadata(metadata: Record<string, string>): Record<string, string> {
  const entries = Object.entries(metadata);
  const length = entries.reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  if (entries.length > maxMetadataEntries || length > maxMetadataLength) {
    throw invalidParameter(
      `ClientMetadata may hold at most ${maxMetadataEntries} entries and ${maxMetadataLength} characters.`,
    );
  }
  return metadata;
}

export interface OperationDependencies {
  userPoolId: string;
  /** Each app client's ExplicitAuthFlows, by client id: any other InitiateAuth flow is refused. */
  clients: ReadonlyMap<string, ReadonlySet<ExplicitAuthFlow>>;
  store: PoolStore;
  /** The attributes an administrator may write. */
  schema: AttributeSchema;
  tokens: TokenIssuer;
  signInFlow: SignInFlow;
  signUpFlow: SignUpFlow;
}

const maxTokenLength = 20_000;
/** A 3072-bit A is 768 hex digits; anything far longer is not a real client. */
const maxSrpALength = 1024;

const contactFlags = [
  ['email', 'email_verified'],
  ['phone_number', 'phone_number_verified'],
] as const;

/** The Cognito API operations the pool serves, by `x-amz-target` name. */
export function createOperations(deps: OperationDependencies): Record<string, Operation> {
  const { store, tokens, signInFlow, signUpFlow } = deps;
  const flowsOf = (clientId: string) => deps.clients.get(clientId) ?? new Set<ExplicitAuthFlow>();

  const withClient =
    (operation: Operation): Operation =>
    (body) => {
      const clientId = requiredString(body, 'ClientId', 128);
      if (!deps.clients.has(clientId)) {
        throw resourceNotFound(`User pool client ${clientId} does not exist.`);
      }
      return operation(body);
    };

  const refresh = async (refreshToken: string, clientId: string) => {
    const record = store.findRefreshToken(refreshToken);
    const user = record && store.findUser(record.username);
    if (!record || !user || record.clientId !== clientId)
      throw notAuthorized('Invalid Refresh Token');
    if (record.revokedAt !== undefined) throw notAuthorized('Refresh Token has been revoked');
    const result = await tokens.issue({
      user,
      clientId,
      authTime: record.authTime,
      originJti: record.originJti,
    });
    return { AuthenticationResult: result, ChallengeParameters: {} };
  };

  const initiateAuth: Operation = (body) => {
    const clientId = requiredString(body, 'ClientId');
    const flow = requiredString(body, 'AuthFlow', 64);
    checkInitiateAuthFlow(flow, flowsOf(clientId));
    const parameters = stringMap(body, 'AuthParameters');
    // Checked as Cognito would, though no trigger the pool runs for InitiateAuth reads it.
    boundedMetadata(stringMap(body, 'ClientMetadata'));
    const username = () => requiredParameter(parameters, 'USERNAME', 128);
    switch (flow) {
      case 'CUSTOM_AUTH':
        return signInFlow.start({
          authFlow: 'CUSTOM_AUTH',
          clientId,
          username: username(),
          srpA:
            parameters.CHALLENGE_NAME === 'SRP_A'
              ? requiredParameter(parameters, 'SRP_A', maxSrpALength)
              : optionalString(parameters, 'SRP_A', maxSrpALength),
        });
      case 'USER_SRP_AUTH':
        return signInFlow.start({
          authFlow: 'USER_SRP_AUTH',
          clientId,
          username: username(),
          srpA: requiredParameter(parameters, 'SRP_A', maxSrpALength),
        });
      case 'USER_PASSWORD_AUTH':
        return signInFlow.passwordSignIn({
          clientId,
          username: username(),
          password: requiredParameter(parameters, 'PASSWORD', 256),
        });
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        return refresh(requiredParameter(parameters, 'REFRESH_TOKEN', maxTokenLength), clientId);
      default:
        throw invalidParameter(`The local pool does not serve the ${flow} flow.`);
    }
  };

  const accessClaims = (body: RequestBody) =>
    tokens.verifyAccessToken(requiredString(body, 'AccessToken', maxTokenLength));

  return {
    SignUp: withClient((body) => signUpFlow.signUp(body)),
    ConfirmSignUp: withClient((body) => signUpFlow.confirmSignUp(body)),
    ResendConfirmationCode: withClient((body) => signUpFlow.resendConfirmationCode(body)),
    InitiateAuth: withClient(initiateAuth),
    RespondToAuthChallenge: withClient((body) =>
      signInFlow.respond({
        clientId: requiredString(body, 'ClientId'),
        challengeName: requiredString(body, 'ChallengeName', 64),
        session: requiredString(body, 'Session', maxTokenLength),
        responses: stringMap(body, 'ChallengeResponses'),
        clientMetadata: boundedMetadata(stringMap(body, 'ClientMetadata')),
      }),
    ),
    GetTokensFromRefreshToken: withClient((body) => {
      checkRefreshAllowed(flowsOf(requiredString(body, 'ClientId')));
      return refresh(
        requiredString(body, 'RefreshToken', maxTokenLength),
        requiredString(body, 'ClientId'),
      ).then(({ AuthenticationResult }) => ({ AuthenticationResult }));
    }),
    GetUser: async (body) => {
      const claims = await accessClaims(body);
      const user = store.findUser(claims.username);
      if (!user) throw notAuthorized('Invalid Access Token');
      const attributes = { ...user.attributes, ...verifiedAttributes(user), sub: user.sub };
      return {
        Username: user.username,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      };
    },
    AdminUpdateUserAttributes: async (body) => {
      checkPool(deps, body);
      const user = store.findUser(requiredString(body, 'Username', 128));
      const given = attributeList(body, 'UserAttributes');
      if (!user) throw userNotFound();
      deps.schema.checkInSchema(Object.keys(given));
      if ('sub' in given) throw invalidParameter('Cannot modify the non-mutable attribute sub');
      const attributes = { ...user.attributes, ...given };
      // A new address is unverified until someone says otherwise, as on Cognito.
      for (const [name, flag] of contactFlags) {
        if (name in given && given[name] !== user.attributes[name] && !(flag in given)) {
          attributes[flag] = 'false';
        }
      }
      await store.updateUser(user, { attributes });
      return {};
    },
    GlobalSignOut: async (body) => {
      const claims = await accessClaims(body);
      await store.revokeAllFor(claims.username);
      return {};
    },
    RevokeToken: withClient(async (body) => {
      const clientId = requiredString(body, 'ClientId');
      const token = requiredString(body, 'Token', maxTokenLength);
      if (!/^[A-Za-z0-9\-_=.]+$/.test(token)) {
        throw invalidParameter(
          "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
        );
      }
      // An access or ID token is a JWT; only refresh tokens can be revoked.
      if (token.split('.').length === 3) {
        throw new CognitoError('UnsupportedTokenTypeException', 'Unsupported token type.');
      }
      const record = store.findRefreshToken(token);
      if (record && record.clientId !== clientId) {
        throw new CognitoError(
          'UnauthorizedException',
          'Client is not authorized to revoke this token.',
        );
      }
      // An unknown or already revoked refresh token leaves nothing to do, as OAuth revocation says.
      await store.revokeRefreshToken(token);
      return {};
    }),
  };
}
