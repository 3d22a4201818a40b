import { fetchAuthSession } from '@aws-amplify/auth';
import type { CustomAuthServices } from '../../machine/services.ts';
import type { SignInStep } from '../../machine/types.ts';
import { callCognito } from '../../shared/cognito-api.ts';
import { STEP_UP_METADATA_KEY } from '../../shared/step-up.ts';
import { createPasskeyAnswer, toBase64url } from './client.ts';
import {
  PASSKEY_SKIP,
  type PasskeyCreationOptionsJSON,
  type PasskeyManagementRequest,
  type PasskeyView,
} from './protocol.ts';

/** A refusal of the management handler, named by its `code`. */
export class PasskeyManagementError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * A step-up's secret, kept by this page alone, and the digest its sign-in sends: the
 * handler grants a change to the secret whose digest a sign-in through the whole chain carried.
 */
export interface StepUp {
  secret: string;
  digest: string;
}

export async function newStepUp(): Promise<StepUp> {
  const secret = toBase64url(crypto.getRandomValues(new Uint8Array(32)).buffer);
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return { secret, digest: toBase64url(hash) };
}

/** An app client of a user pool, and where the pool answers (Cognito's or the local pool's). */
export interface CognitoClient {
  endpoint: string;
  clientId: string;
}

/**
 * The app client the signed-in user signed in through, read from their access token: its
 * `client_id`, and its issuer's origin, where the pool answers.
 */
export async function signedInClient(): Promise<CognitoClient> {
  const payload = (await fetchAuthSession()).tokens?.accessToken?.payload;
  const { client_id: clientId, iss } = payload ?? {};
  if (typeof clientId !== 'string' || typeof iss !== 'string' || !URL.canParse(iss)) {
    throw new PasskeyManagementError('NotAuthorized', 'Sign in first.');
  }
  return { endpoint: `${new URL(iss).origin}/`, clientId };
}

type CognitoAnswer = {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: { RefreshToken?: string };
};

/**
 * The statechart's services for a step-up: a custom-auth sign-in of the signed-in user, made
 * beside Amplify's session (which it leaves alone), whose answers carry the step-up's digest.
 * An offer to enrol a passkey on the way is declined, and the tokens at its end are revoked:
 * the sign-in proves a factor, and that is all it is for.
 */
export function stepUpServices(
  stepUp: StepUp,
  { endpoint, clientId }: CognitoClient,
): Partial<CustomAuthServices> {
  let session = '';
  let username = '';
  const metadata = { [STEP_UP_METADATA_KEY]: stepUp.digest };
  const respond = async (answer: string, clientMetadata?: Record<string, string>) =>
    stepOf(
      await callCognito<CognitoAnswer>(endpoint, 'RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'CUSTOM_CHALLENGE',
        ChallengeResponses: { USERNAME: username, ANSWER: answer },
        Session: session,
        ClientMetadata: { ...clientMetadata, ...metadata },
      }),
    );
  const stepOf = async (answer: CognitoAnswer): Promise<SignInStep> => {
    session = answer.Session ?? '';
    const token = answer.AuthenticationResult?.RefreshToken;
    if (answer.AuthenticationResult) {
      if (token) {
        await callCognito(endpoint, 'RevokeToken', { ClientId: clientId, Token: token }).catch(
          () => {},
        );
      }
      return { type: 'done', user: { username, userId: '' } };
    }
    if (answer.ChallengeName !== 'CUSTOM_CHALLENGE') {
      return { type: 'unsupported', signInStep: String(answer.ChallengeName) };
    }
    const parameters = answer.ChallengeParameters ?? {};
    return parameters.type === 'passkeyEnrollment'
      ? respond(PASSKEY_SKIP)
      : { type: 'customChallenge', parameters };
  };
  return {
    getCurrentUser: async () => null,
    mayResume: () => false,
    loadPendingChallenge: async () => null,
    savePendingChallenge: () => {},
    listenForOtherTabs: () => () => {},
    listenForSignOut: () => () => {},
    signOut: async () => {},
    signIn: async (request) => {
      username = request.username;
      return stepOf(
        await callCognito<CognitoAnswer>(endpoint, 'InitiateAuth', {
          ClientId: clientId,
          AuthFlow: 'CUSTOM_AUTH',
          AuthParameters: { USERNAME: username },
        }),
      );
    },
    confirmSignIn: respond,
  };
}

/** Options of {@link passkeyManagement}. */
export interface PasskeyManagementClientOptions {
  /** Where `passkeyManagementHandler` answers (the local pool's `passkeyManagementUrl`). */
  url: string;
  /** The signed-in user's access token. Default: Amplify's, refreshed as needed. */
  accessToken?: () => Promise<string>;
}

/** A signed-in user's passkeys: see {@link passkeyManagement}. */
export interface PasskeyManagement {
  list(): Promise<PasskeyView[]>;
  /** Makes a passkey in this browser and registers it; needs a step-up. */
  add(stepUp: StepUp, request?: { signal?: AbortSignal }): Promise<PasskeyView>;
  /** Needs a step-up. */
  remove(id: string, stepUp: StepUp): Promise<void>;
}

async function amplifyAccessToken(): Promise<string> {
  const token = (await fetchAuthSession()).tokens?.accessToken?.toString();
  if (!token) throw new PasskeyManagementError('NotAuthorized', 'Sign in first.');
  return token;
}

/**
 * Lists, adds and removes the signed-in user's passkeys through `passkeyManagementHandler`.
 * A change needs a step-up: `newStepUp()`, a sign-in through the whole chain with
 * `stepUpServices(stepUp, await signedInClient())`, then the change with the same step-up,
 * within five minutes, once.
 */
export function passkeyManagement(options: PasskeyManagementClientOptions): PasskeyManagement {
  const accessToken = options.accessToken ?? amplifyAccessToken;
  const call = async <T>(method: 'GET' | 'POST', body?: PasskeyManagementRequest): Promise<T> => {
    const response = await fetch(options.url, {
      method,
      headers: {
        authorization: `Bearer ${await accessToken()}`,
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => ({}))) as T & {
      code?: string;
      message?: string;
    };
    if (!response.ok) {
      throw new PasskeyManagementError(
        answer.code ?? 'Unknown',
        answer.message ?? `${options.url} answered ${response.status}.`,
      );
    }
    return answer;
  };
  return {
    list: async () => (await call<{ passkeys: PasskeyView[] }>('GET')).passkeys,
    async add(stepUp, request = {}) {
      const { publicKey } = await call<{ publicKey: PasskeyCreationOptionsJSON }>('POST', {
        action: 'creationOptions',
        stepUp: stepUp.secret,
      });
      const response = await createPasskeyAnswer(publicKey, request);
      const added = await call<{ passkey: PasskeyView }>('POST', {
        action: 'register',
        stepUp: stepUp.secret,
        response,
      });
      return added.passkey;
    },
    async remove(id, stepUp) {
      await call('POST', { action: 'remove', stepUp: stepUp.secret, id });
    },
  };
}
