import type { DescribedClient } from './described.ts';
import { type DoctorCheck, notice, ok, problem } from './verdicts.ts';

/** Where the passkey handlers answer, and the pages that use them. */
export interface PasskeyDoctorOptions {
  challengeUrl?: string | undefined;
  managementUrl?: string | undefined;
  /** Besides the app client's callback and sign-out URLs. */
  origins: readonly string[];
}

type Fetch = typeof fetch;

/** How long a handler may take to answer before the doctor calls it unreachable. */
const HANDLER_TIMEOUT_MS = 10_000;

/** A call of a handler that gives up after `HANDLER_TIMEOUT_MS`. */
const ask = (call: Fetch, url: string, init: RequestInit) =>
  call(url, { ...init, signal: AbortSignal.timeout(HANDLER_TIMEOUT_MS) });

const unreachable = (title: string, url: string, option: string, error: unknown) =>
  problem(
    title,
    `${url} cannot be reached: ${String(error)}.`,
    `Check --${option} and that the function URL is deployed.`,
  );

/** An origin no deployment lists: a handler that answers it answers every site. */
const strangerOrigin = 'https://cognito-custom-auth-doctor.invalid';

/** The pages' origins: those given, and those of the client's callback and sign-out URLs. */
export function pageOrigins(client: DescribedClient, given: readonly string[]): string[] {
  const urls = [...given, ...(client.CallbackURLs ?? []), ...(client.LogoutURLs ?? [])];
  const origins = urls.flatMap((url) => {
    if (!URL.canParse(url)) return [];
    const { protocol, hostname, origin } = new URL(url);
    const secure = protocol === 'https:' || (protocol === 'http:' && hostname === 'localhost');
    return secure ? [origin] : [];
  });
  return [...new Set(origins)];
}

const covers = (rpId: unknown, origin: string) => {
  const host = new URL(origin).hostname;
  return typeof rpId === 'string' && rpId !== '' && (host === rpId || host.endsWith(`.${rpId}`));
};

async function challengeChecks(url: string, origin: string, call: Fetch): Promise<DoctorCheck[]> {
  const title = `Passkey challenges for ${origin}`;
  let response: Response;
  try {
    response = await ask(call, url, { method: 'POST', headers: { origin } });
  } catch (error) {
    return [unreachable(title, url, 'passkey-challenge-url', error)];
  }
  if (response.status !== 200 || response.headers.get('access-control-allow-origin') !== origin) {
    return [
      problem(
        title,
        `The challenge handler answered ${response.status} without allowing ${origin}: passkeys from the username field's autofill cannot start there.`,
        `List ${origin} in the origins of passkeyChallengeHandler and of the passkey steps.`,
      ),
    ];
  }
  const body = (await response.json().catch(() => ({}))) as {
    publicKey?: { rpId?: unknown; userVerification?: unknown };
  };
  const { rpId, userVerification } = body.publicKey ?? {};
  if (!covers(rpId, origin)) {
    return [
      problem(
        title,
        `The RP ID ${String(rpId)} is neither ${new URL(origin).hostname} nor a domain it belongs to: browsers refuse every passkey there.`,
        `Set rpId to ${new URL(origin).hostname} or a parent domain of it, the same in every passkey step and handler.`,
      ),
    ];
  }
  return userVerification === 'required'
    ? [ok(`${title}: RP ID ${rpId}`)]
    : [
        notice(
          `${title}: RP ID ${rpId}`,
          'User verification is only preferred: a passkey then proves possession of a device, not who holds it.',
        ),
      ];
}

async function managementChecks(url: string, origin: string, call: Fetch): Promise<DoctorCheck[]> {
  const title = `Passkey management for ${origin}`;
  try {
    const preflight = await ask(call, url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    const allowed = preflight.headers.get('access-control-allow-headers') ?? '';
    if (
      preflight.headers.get('access-control-allow-origin') !== origin ||
      !/authorization/i.test(allowed)
    ) {
      return [
        problem(
          title,
          `The management handler's CORS does not let ${origin} send an access token: the passkey list cannot load there.`,
          `List ${origin} in the origins of passkeyManagementHandler; if the function URL has CORS of its own, allow the authorization and content-type headers.`,
        ),
      ];
    }
    const anonymous = await ask(call, url, { headers: { origin } });
    return anonymous.status === 401
      ? [ok(title)]
      : [
          problem(
            title,
            `A request without an access token got ${anonymous.status}, not 401: the handler may not check who asks.`,
            'Serve passkeyManagementHandler there, with the pool it checks tokens against (userPoolId).',
          ),
        ];
  } catch (error) {
    return [unreachable(title, url, 'passkey-management-url', error)];
  }
}

/** A handler whose CORS lets any site ask: Verify still refuses them, but it should not. */
async function strangerCheck(url: string, call: Fetch): Promise<DoctorCheck> {
  const title = 'Passkey challenges for other sites';
  try {
    const response = await ask(call, url, {
      method: 'POST',
      headers: { origin: strangerOrigin },
    });
    const allowed = response.headers.get('access-control-allow-origin');
    return allowed === '*' || allowed === strangerOrigin
      ? notice(
          title,
          "Any site may ask for challenges (CORS allows it): each costs a write to the store. Remove the function URL's own CORS, or limit it to your pages.",
        )
      : ok(title);
  } catch {
    return ok(title);
  }
}

/**
 * What can be checked of a passkey deployment from outside: each page's origin allowed by
 * the handlers' CORS, the RP ID covering it, user verification required, the management
 * handler refusing requests without a token, and no other site let in.
 */
export async function checkPasskeys(
  client: DescribedClient,
  options: PasskeyDoctorOptions,
  call: Fetch = fetch,
): Promise<DoctorCheck[]> {
  const { challengeUrl, managementUrl } = options;
  if (!challengeUrl && !managementUrl) return [];
  const origins = pageOrigins(client, options.origins);
  if (origins.length === 0) {
    return [
      problem(
        'Passkey pages',
        'No page origin to check the passkey handlers for: the app client names no callback or sign-out URL.',
        'Name the pages with --passkey-origin https://app.example.com (repeat it for each).',
      ),
    ];
  }
  const checks: DoctorCheck[] = [];
  for (const origin of origins) {
    if (challengeUrl) checks.push(...(await challengeChecks(challengeUrl, origin, call)));
    if (managementUrl) checks.push(...(await managementChecks(managementUrl, origin, call)));
  }
  if (challengeUrl) checks.push(await strangerCheck(challengeUrl, call));
  return checks;
}
