import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import {
  ChallengeRefusedError,
  type CustomChallengeStep,
  type StepChallenge,
  validAttempts,
} from '../../triggers/chain/chain-step.ts';
import {
  answersMatch,
  generateCode,
  normalizeAnswer,
  unguessableAnswer,
} from '../../triggers/common/answers.ts';
import { codeLengthRange, integerInRange } from '../../triggers/common/option-values.ts';
import { deliverableAddress, maskedDestinationOf } from '../../triggers/delivery/channels.ts';
import { maskDestination } from '../../triggers/delivery/mask.ts';
import { sendLinkWithSes } from '../../triggers/delivery/ses.ts';
import type { AttemptStore } from '../../triggers/limits/attempt-store.ts';
import {
  LINK_BROWSER_METADATA_KEY,
  LINK_REQUEST_PREFIX,
  linkParameters,
  REDIRECT_METADATA_KEY,
} from './protocol.ts';
import { type LinkKey, linkKeysFromEnvironment } from './server/link-keys.ts';
import { LINK_KEYS_SECRET_VARIABLE, linkKeysFromSecretsManager } from './server/secrets-manager.ts';
import { magicLinkTokens } from './server/tokens.ts';

export { LINK_REQUEST_PREFIX, REDIRECT_METADATA_KEY } from './protocol.ts';

/** What a link sender gets: where to, the link (token in its fragment), and a code for this tab. */
export interface SendLinkInput {
  destination: string;
  link: string;
  code: string;
  event: CreateAuthChallengeTriggerEvent;
}

/** Mails a link and its code. */
export type SendLink = (input: SendLinkInput) => Promise<void>;

/** Options of {@link magicLinkStep}. */
export interface MagicLinkStepOptions {
  /**
   * The pages a link may open: each an exact URL (best), or a prefix ending in `/`, which
   * admits pages under it with neither a query string nor `//` in the path; or a function
   * that decides. A request for any other page is refused, so no email ever links elsewhere.
   * List only pages that never redirect: the token in the fragment survives a redirect.
   */
  redirectUris: readonly string[] | ((page: URL) => boolean);
  /** Mails the link and the code to the user's email. Default: SES (`sendLinkWithSes`). */
  sendLink?: SendLink;
  /**
   * The signing keys, or a function that reads them (`linkKeysFromSecretsManager`). Default:
   * the secret named by `CUSTOM_AUTH_LINK_KEYS_SECRET` if set, else `CUSTOM_AUTH_LINK_KEYS`.
   */
  keys?: readonly LinkKey[] | (() => Promise<readonly LinkKey[]>);
  /** How long a link works. Default 900. */
  ttlSeconds?: number;
  /** Digits of the code in the same email. Default 6. */
  codeLength?: number;
  /** Rounds of the step: the request for a link, then the codes. Default 4. */
  maxAttempts?: number;
  /** What the screen waiting for the link says. Default: open the link, or enter its code. */
  hint?: string;
  /** Mail links to an unverified email address; see `codeStep`'s option. Default false. */
  allowUnverified?: boolean;
}

/** The keys the environment names: the secret in `CUSTOM_AUTH_LINK_KEYS_SECRET`, else `CUSTOM_AUTH_LINK_KEYS`. */
export function defaultLinkKeys() {
  const secretId = process.env[LINK_KEYS_SECRET_VARIABLE]?.trim();
  return secretId ? linkKeysFromSecretsManager(secretId) : linkKeysFromEnvironment();
}

/**
 * The page a URI names, if it is in its canonical form, so that the email carries nothing a
 * template could misread (quotes, angle brackets, spaces); with no fragment, where the token
 * goes; and with no credentials, which would name another host (`http://localhost:80@elsewhere/`).
 */
function plainPage(uri: unknown): URL | null {
  const page = typeof uri === 'string' && URL.canParse(uri) ? new URL(uri) : null;
  const plain =
    page !== null &&
    page.href === uri &&
    /^https?:$/.test(page.protocol) &&
    !uri.includes('#') &&
    page.username === '' &&
    page.password === '';
  return plain ? page : null;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A page on the developer's machine, on any port. */
export const isLoopbackPage = (page: URL) => loopbackHosts.has(page.hostname);

/**
 * The listed pages, each one a link could open: a plain URL, on `https:` unless on this
 * machine, where a token sent in the clear would cross no network. A list entry that is not
 * would match no request, or send tokens in the clear, so it fails the step's creation.
 */
function validRedirectUris(allowed: MagicLinkStepOptions['redirectUris']) {
  if (typeof allowed === 'function') return allowed;
  if (!Array.isArray(allowed) || allowed.length === 0) {
    throw new TypeError('magicLinkStep needs at least one redirect URI.');
  }
  for (const entry of allowed) {
    const page = plainPage(entry);
    if (!page || (page.protocol !== 'https:' && !isLoopbackPage(page))) {
      throw new TypeError(
        `Each of redirectUris must be an https:// URL (http:// only on localhost) as a browser writes it, with no fragment; got ${JSON.stringify(entry)}.`,
      );
    }
  }
  return allowed;
}

function redirectAllowed(allowed: MagicLinkStepOptions['redirectUris'], uri: unknown) {
  const page = plainPage(uri);
  if (!page) return false;
  if (typeof allowed === 'function') return allowed(page);
  return allowed.some((entry) => uri === entry || underPrefix(entry, page, uri as string));
}

/**
 * A page under a prefix entry: no query string (which an open redirect would read) and no
 * empty path segment (`//evil.example` is another host to some servers' redirects).
 */
function underPrefix(entry: string, page: URL, uri: string): boolean {
  return (
    entry.endsWith('/') &&
    uri.startsWith(entry) &&
    page.search === '' &&
    !page.pathname.includes('//')
  );
}

/** Answers that could be the emailed code; a link, or a request for one, never is. */
const guessesCode = (answer: string) => /^\d+$/.test(normalizeAnswer(answer));

/**
 * Sign-in by a link in an email (`type: magicLink`), usable on this device or another.
 * Round 1 sends nothing: the client answers it with `link:<page>` (and that page as
 * ClientMetadata `redirectUri`, since Cognito gives Create no answer), or with a link's token
 * in a fresh sign-in. On a request, the next round mails `<page>#<token>` and a code for the
 * waiting tab. A link that is expired, used, superseded or forged ends the sign-in with
 * `MagicLinkRefused reason=<reason>`; only a wrong code counts against the account's limits,
 * since a link cannot be guessed and a forged one must not lock its victim out.
 */
export function magicLinkStep(options: MagicLinkStepOptions): CustomChallengeStep {
  const codeLength = integerInRange('codeLength', options.codeLength ?? 6, codeLengthRange);
  const sendLink = options.sendLink ?? sendLinkWithSes;
  if (typeof sendLink !== 'function') throw new TypeError('sendLink must be a function.');
  const allowed = validRedirectUris(options.redirectUris);
  const keys = options.keys ?? defaultLinkKeys();
  const tokensFor = async (store: AttemptStore) =>
    magicLinkTokens({
      keys: typeof keys === 'function' ? await keys() : keys,
      store,
      ttlSeconds: options.ttlSeconds,
    });
  const hint =
    options.hint ?? 'Open the link in the email, on this device or another, or enter its code.';
  const sentCode = (metadata: string | undefined) => /^SENT:(\d+|NONE)$/.exec(metadata ?? '')?.[1];
  const allowUnverified = options.allowUnverified === true;
  return {
    kind: 'custom',
    provesFactor: true,
    type: 'magicLink',
    maxAttempts: validAttempts(options.maxAttempts ?? 4),
    guessable: guessesCode,
    async create({
      event,
      previousMetadata,
      deliver,
      store,
      owner,
      decoySecret,
      decoyEmailDomains,
    }): Promise<StepChallenge> {
      const metadata = event.request.clientMetadata ?? {};
      const page = metadata[REDIRECT_METADATA_KEY];
      const kept = sentCode(previousMetadata);
      const unknown = event.request.userNotFound === true;
      const address = unknown ? undefined : deliverableAddress(event, 'email', allowUnverified);
      const masked = () =>
        maskedDestinationOf(event, 'email', {
          secret: decoySecret,
          emailDomains: decoyEmailDomains,
        });
      if (!page || !redirectAllowed(allowed, page)) {
        // No request for a link: the first round, or a wrong code after a link was sent.
        if (kept === undefined) {
          // Never shown: the kit's client answers this round by itself.
          return { parameters: {}, privateParameters: {}, metadata: 'ASK' };
        }
        return {
          hint,
          parameters: linkParameters(masked(), codeLength),
          privateParameters: { answer: kept === 'NONE' ? unguessableAnswer() : kept },
          metadata: `SENT:${kept}`,
        };
      }
      const shown = address === undefined ? masked() : maskDestination(address);
      // Made for users who do not exist too, so that the store's write costs them as long.
      const token = await (await tokensFor(store)).issue(event.userPoolId, {
        username: event.userName,
        owner,
        maskedDestination: shown,
        browser: metadata[LINK_BROWSER_METADATA_KEY],
      });
      if (address === undefined) {
        if (!unknown) {
          console.warn(
            'No sign-in link sent: the user has no verified email (allowUnverified is off). ' +
              'See "Codes only to verified addresses" in docs/triggers.md.',
          );
        }
        await deliver(null);
        return {
          hint,
          parameters: linkParameters(shown, codeLength),
          privateParameters: { answer: unguessableAnswer() },
          metadata: 'SENT:NONE',
        };
      }
      const code = generateCode(codeLength);
      await deliver(() =>
        sendLink({ destination: address, link: `${page}#${token}`, code, event }),
      );
      return {
        hint,
        parameters: linkParameters(shown, codeLength),
        privateParameters: { answer: code },
        metadata: `SENT:${code}`,
      };
    },
    verify: async ({ event, answer, privateParameters, store, owner }) => {
      if (answer.startsWith(LINK_REQUEST_PREFIX)) {
        return redirectAllowed(allowed, answer.slice(LINK_REQUEST_PREFIX.length)) && 'request';
      }
      const expected = normalizeAnswer(privateParameters.answer);
      if (expected !== '') {
        const matches = answersMatch(normalizeAnswer(answer), expected);
        if (matches) return event.request.userNotFound !== true;
      }
      if (answer.split('.').length !== 3) return false;
      const tokens = await tokensFor(store);
      const redeemed = await tokens.redeem(event.userPoolId, owner, answer);
      if (redeemed.ok) return event.request.userNotFound !== true;
      throw new ChallengeRefusedError(`MagicLinkRefused reason=${redeemed.reason}`);
    },
  };
}
