import type { PasskeyChallengeResponse, PasskeyRequestOptionsJSON } from '../protocol.ts';
import { freshChallenge } from './ceremony.ts';
import { type RelyingParty, type RelyingPartyOptions, relyingParty } from './relying-party.ts';

/**
 * The request as a Lambda function URL or an API Gateway HTTP API (payload 2.0) passes it;
 * `httpMethod` is a REST API's (payload 1.0).
 */
export interface HttpRequestEvent {
  requestContext?: { http?: { method?: string } };
  httpMethod?: string;
  headers?: Record<string, string | undefined> | null;
}

/** What a function URL or API Gateway sends back. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * How long a challenge waits for its sign-in after the browser's prompt gave up: the time to
 * start the sign-in and answer its first round.
 */
const SIGN_IN_MARGIN_MS = 60_000;

const methodOf = (event: HttpRequestEvent) =>
  (event?.requestContext?.http?.method ?? event?.httpMethod ?? '').toUpperCase();

/** Header names arrive lower-cased from a function URL, as sent from API Gateway v1. */
function headerOf(event: HttpRequestEvent, name: string): string | undefined {
  const headers = event?.headers ?? {};
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

const allowedOrigin = (party: RelyingParty, origin: string) =>
  Array.isArray(party.origins) ? party.origins.includes(origin) : party.origins(origin);

function answer(status: number, body: unknown, headers: Record<string, string>): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The handler behind a sign-in from the username field's autofill, for a Lambda function URL
 * or API Gateway: a POST gets request options with a fresh challenge and no credentials
 * listed (nobody is named yet), which the store keeps single-use until the prompt's time and
 * a minute more; `passkeyStep` with the same store takes an assertion over it once. Pages may
 * call it from the origins listed only (CORS), and the call needs no preflight.
 */
export function passkeyChallengeHandler(
  options: RelyingPartyOptions,
): (event: HttpRequestEvent) => Promise<HttpResponse> {
  const party = relyingParty(options);
  return async (event) => {
    const origin = headerOf(event, 'origin');
    if (origin !== undefined && !allowedOrigin(party, origin)) {
      return answer(403, { message: `Passkeys are not offered to ${origin}.` }, {});
    }
    const cors: Record<string, string> = origin
      ? { 'access-control-allow-origin': origin, vary: 'Origin' }
      : {};
    const method = methodOf(event);
    if (method === 'OPTIONS') {
      return {
        statusCode: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-max-age': '600',
        },
        body: '',
      };
    }
    if (method !== 'POST') {
      return answer(405, { message: 'Ask for a challenge with POST.' }, { ...cors, allow: 'POST' });
    }
    const publicKey: PasskeyRequestOptionsJSON = {
      challenge: freshChallenge(),
      rpId: party.rpId,
      allowCredentials: [],
      userVerification: party.userVerification,
      timeout: party.timeoutMs,
    };
    await party.store.addChallenge(
      publicKey.challenge,
      Date.now() + party.timeoutMs + SIGN_IN_MARGIN_MS,
    );
    return answer(200, { publicKey } satisfies PasskeyChallengeResponse, cors);
  };
}
