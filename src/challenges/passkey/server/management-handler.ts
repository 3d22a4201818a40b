import { createHash } from 'node:crypto';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { stepUpToken } from '../../../shared/step-up.ts';
import type { PasskeyManagementRequest, PasskeyView } from '../protocol.ts';
import { parseCredential } from '../step.ts';
import { cognitoUserOf, type TokenUser } from './cognito-user.ts';
import {
  bodyOf,
  corsFor,
  type HttpRequestEvent,
  type HttpResponse,
  headerOf,
  isResponse,
  jsonResponse,
  methodOf,
} from './http.ts';
import type { StoredPasskey } from './passkey-store.ts';
import { providerOf } from './providers.ts';
import { creationOptions, verifiedPasskey } from './registration.ts';
import { type RelyingParty, type RelyingPartyOptions, relyingParty } from './relying-party.ts';

/** Options of {@link passkeyManagementHandler}. */
export interface PasskeyManagementOptions extends RelyingPartyOptions {
  /** The name the browser shows for the site when it makes a passkey. Default: the RP ID. */
  rpName?: string;
  /**
   * The pool whose access tokens it takes (`eu-west-1_AbC123`), and no other: each request's
   * token is checked with Cognito's GetUser, which also refuses a token signed out globally.
   */
  userPoolId: string;
  /** Where GetUser is asked instead of the pool's region (the local pool's endpoint). */
  cognitoEndpoint?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');

/**
 * The challenge of a registration a step-up allows: derived from the step-up's secret, which
 * only the page that proved the factor holds, so nothing needs keeping between the two calls.
 */
const registrationChallenge = (secret: string) => sha256(`passkey-registration\0${secret}`);

const viewOf = (passkey: StoredPasskey): PasskeyView => ({
  id: passkey.id,
  provider: providerOf(passkey.aaguid),
  createdAt: passkey.createdAt,
  lastUsedAt: passkey.lastUsedAt,
  synced: passkey.backedUp,
  deviceBound: passkey.deviceType === 'singleDevice',
});

function endpointOf(options: PasskeyManagementOptions): string {
  const userPoolId = String(options?.userPoolId);
  const region = /^([a-z]{2}(-[a-z]+)+-\d)_[0-9A-Za-z]+$/.exec(userPoolId)?.[1];
  const endpoint =
    options?.cognitoEndpoint ?? (region && `https://cognito-idp.${region}.amazonaws.com/`);
  if (!endpoint || !/^[\w-]+_[0-9A-Za-z]+$/.test(userPoolId)) {
    throw new TypeError(
      `userPoolId must be the pool's id, such as eu-west-1_AbC123, got ${userPoolId}.`,
    );
  }
  return endpoint;
}

/** A credential id as browsers make them: base64url, at most 1,023 bytes. */
const credentialId = /^[\w-]{1,1400}$/;

function parseRequest(body: string): PasskeyManagementRequest | null {
  let request: Record<string, unknown>;
  try {
    request = Object(JSON.parse(body));
  } catch {
    return null;
  }
  const { action, stepUp, id, response } = request;
  if (typeof stepUp !== 'string' || !stepUpToken.test(stepUp)) return null;
  if (action === 'creationOptions') return { action, stepUp };
  if (action === 'remove' && typeof id === 'string' && credentialId.test(id)) {
    return { action, stepUp, id };
  }
  if (action === 'register' && typeof response === 'string') return { action, stepUp, response };
  return null;
}

type Answer = (status: number, body: unknown) => HttpResponse;

async function change(
  party: RelyingParty,
  rpName: string,
  user: TokenUser,
  request: PasskeyManagementRequest,
  answer: Answer,
): Promise<HttpResponse> {
  const { store } = party;
  if (request.action === 'creationOptions') {
    const existing = await store.list(user.owner);
    const challenge = registrationChallenge(request.stepUp);
    return answer(200, {
      publicKey: creationOptions(party, rpName, user.username, existing, challenge),
    });
  }
  // The step-up is taken first: one proof, one change, whatever becomes of it.
  if (!(await store.takeGrant(user.owner, sha256(request.stepUp), Date.now()))) {
    return answer(403, {
      code: 'StepUpRequired',
      message: 'Sign in again to prove it is you: the last proof is used or too old.',
    });
  }
  if (request.action === 'remove') {
    return (await store.remove(user.owner, request.id))
      ? answer(200, { removed: request.id })
      : answer(404, { code: 'PasskeyNotFound', message: 'This account has no such passkey.' });
  }
  const response = parseCredential<RegistrationResponseJSON>(request.response);
  const passkey =
    response && (await verifiedPasskey(party, response, registrationChallenge(request.stepUp)));
  if (!passkey || !(await store.add(user.owner, passkey))) {
    return answer(400, {
      code: 'PasskeyRefused',
      message: 'The passkey could not be verified, or is registered already.',
    });
  }
  return answer(200, { passkey: viewOf(passkey) });
}

/**
 * The handler behind managing passkeys while signed in, for a Lambda function URL or API
 * Gateway, each request with the user's access token (`Authorization: Bearer ...`): GET lists
 * their passkeys; POST `creationOptions`, then `register`, adds one; POST `remove` removes
 * one. A change needs a step-up: a sign-in through the whole chain again in the last five
 * minutes, made with the digest of the secret the request carries (`stepUp`), each proof
 * good for one change. So a stolen access token alone can list, but neither plant nor delete.
 * Give the chain the same store (`createCustomAuthTriggers({ stepUp: store })`).
 */
export function passkeyManagementHandler(
  options: PasskeyManagementOptions,
): (event: HttpRequestEvent) => Promise<HttpResponse> {
  const party = relyingParty(options);
  const rpName = options.rpName ?? party.rpId;
  const userOf = cognitoUserOf(endpointOf(options), options.userPoolId);
  return async (event) => {
    const cors = corsFor(party, event, {
      methods: 'GET, POST',
      headers: 'authorization, content-type',
    });
    if (isResponse(cors)) return cors;
    const answer: Answer = (status, body) => jsonResponse(status, body, cors);
    const method = methodOf(event);
    if (method !== 'GET' && method !== 'POST') {
      return jsonResponse(405, { message: 'Use GET or POST.' }, { ...cors, allow: 'GET, POST' });
    }
    const token = /^Bearer (\S+)$/.exec(headerOf(event, 'authorization') ?? '')?.[1];
    const user = token ? await userOf(token) : null;
    if (!user) {
      return answer(401, {
        code: 'NotAuthorized',
        message: 'Sign in first: no valid access token.',
      });
    }
    if (method === 'GET') {
      return answer(200, { passkeys: (await party.store.list(user.owner)).map(viewOf) });
    }
    const request = parseRequest(bodyOf(event));
    if (!request) {
      return answer(400, {
        code: 'BadRequest',
        message:
          'Send JSON: { action: "creationOptions" | "register" | "remove", stepUp, and response or id }.',
      });
    }
    return change(party, rpName, user, request, answer);
  };
}
