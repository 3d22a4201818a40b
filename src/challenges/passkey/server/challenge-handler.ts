import type { PasskeyChallengeResponse, PasskeyRequestOptionsJSON } from '../protocol.ts';
import { freshChallenge } from './ceremony.ts';
import {
  corsFor,
  type HttpRequestEvent,
  type HttpResponse,
  isResponse,
  jsonResponse,
  methodOf,
} from './http.ts';
import { type RelyingPartyOptions, relyingParty } from './relying-party.ts';

/**
 * How long a challenge waits for its sign-in after the browser's prompt gave up: the time to
 * start the sign-in and answer its first round.
 */
const SIGN_IN_MARGIN_MS = 60_000;

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
    const cors = corsFor(party, event, { methods: 'POST' });
    if (isResponse(cors)) return cors;
    if (methodOf(event) !== 'POST') {
      return jsonResponse(
        405,
        { message: 'Ask for a challenge with POST.' },
        { ...cors, allow: 'POST' },
      );
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
    return jsonResponse(200, { publicKey } satisfies PasskeyChallengeResponse, cors);
  };
}
