import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AttemptStore } from '../../../triggers/limits/attempt-store.ts';
import { counterKey } from '../../../triggers/limits/owner.ts';
import { type LinkClaimsView, linkBrowserPattern } from '../protocol.ts';
import { type LinkKey, validKeys } from './link-keys.ts';

/** Why a link did not sign anyone in; a UI words each. */
export type LinkRefusal =
  | 'malformed'
  | 'unknownKey'
  | 'signature'
  | 'wrongUser'
  | 'expired'
  | 'superseded'
  | 'used';

export type LinkRedemption = { ok: true } | { ok: false; reason: LinkRefusal };

export interface MagicLinkTokenOptions {
  /** The first signs new links; every one of them verifies links (rotation). */
  keys: readonly LinkKey[];
  /** Newest-link and single-use records; the DynamoDB store on AWS. */
  store: AttemptStore;
  /** How long a link works. Default 900 (15 minutes), at most a day. */
  ttlSeconds?: number;
}

/** Whom a link is for, and what it tells the browser that opens it. */
export interface LinkHolder {
  /** As Cognito names the user in the trigger; the client signs in with it. */
  username: string;
  /** The account the link works for (`recordOwner`: its `sub`); its series and used links. */
  owner: string;
  /** Where the link goes, masked: the browser that did not ask shows it before going on. */
  maskedDestination: string;
  /** The asking browser's digest, from the request's ClientMetadata, if well-formed. */
  browser?: string;
}

interface LinkClaims extends LinkClaimsView {
  /** The owner; a link works only for the account it was issued to, not for a spelling. */
  s: string;
  /** Expiry, epoch ms. */
  e: number;
  /** Which link of the user's running series this is, and the end of that series (epoch ms). */
  c: number;
  w: number;
  /** Randomness, so that two links never look alike. */
  n: string;
}

const dayMs = 86_400_000;
const sign = (key: LinkKey, body: string) =>
  createHmac('sha256', key.secret).update(body, 'utf8').digest();

function claimsOf(text: string): LinkClaims | undefined {
  try {
    const value = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    ) as Partial<LinkClaims>;
    const valid =
      typeof value.u === 'string' &&
      typeof value.s === 'string' &&
      Number.isSafeInteger(value.e) &&
      Number.isSafeInteger(value.c) &&
      Number.isSafeInteger(value.w) &&
      typeof value.n === 'string';
    return valid ? (value as LinkClaims) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signed, expiring, single-use sign-in links: `<key id>.<claims>.<HMAC-SHA256>`, base64url.
 * Only a user's newest link works: each issue counts up the user's series in the store, and
 * a link names its place in it. Redeeming marks it used with an atomic counter, so two tabs
 * opening one link sign in once.
 */
export function magicLinkTokens(options: MagicLinkTokenOptions) {
  const keys = validKeys(options.keys);
  const ttlMs = (options.ttlSeconds ?? 900) * 1000;
  if (!Number.isInteger(ttlMs) || ttlMs < 60_000 || ttlMs > dayMs) {
    throw new RangeError('ttlSeconds must be a whole number from 60 to 86400.');
  }
  const { store } = options;
  // A series outlives every link in it, so a new series never reuses a live link's place.
  const seriesMs = 2 * dayMs;

  return {
    /** A new link for `holder`; it supersedes every earlier one. */
    async issue(userPoolId: string, holder: LinkHolder, now = Date.now()): Promise<string> {
      const series = await store.increment(
        counterKey('links', userPoolId, holder.owner),
        Number.MAX_SAFE_INTEGER,
        seriesMs,
        now,
      );
      const browser = holder.browser;
      const claims: LinkClaims = {
        u: holder.username,
        s: holder.owner,
        d: holder.maskedDestination,
        ...(browser !== undefined && linkBrowserPattern.test(browser) ? { b: browser } : {}),
        e: now + ttlMs,
        c: series.count,
        w: series.resetAt,
        n: randomBytes(12).toString('base64url'),
      };
      const [key] = keys as [LinkKey];
      const body = `${key.id}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${body}.${sign(key, body).toString('base64url')}`;
    },

    /** Checks a link for the account `owner` and, if it passes every check, spends it. */
    async redeem(
      userPoolId: string,
      owner: string,
      token: string,
      now = Date.now(),
    ): Promise<LinkRedemption> {
      const refuse = (reason: LinkRefusal): LinkRedemption => ({ ok: false, reason });
      const parts = token.split('.');
      if (parts.length !== 3 || parts.some((part) => !/^[\w-]+$/.test(part))) {
        return refuse('malformed');
      }
      const [keyId, encoded, signature] = parts as [string, string, string];
      const key = keys.find((candidate) => candidate.id === keyId);
      if (!key) return refuse('unknownKey');
      const expected = sign(key, `${keyId}.${encoded}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return refuse('signature');
      }
      const claims = claimsOf(encoded);
      if (!claims) return refuse('malformed');
      if (claims.s !== owner) return refuse('wrongUser');
      if (claims.e <= now) return refuse('expired');
      const series = await store.get(counterKey('links', userPoolId, owner), now);
      if (series?.count !== claims.c || series.resetAt !== claims.w) return refuse('superseded');
      const spent = await store.increment(
        `${counterKey('link-used', userPoolId, owner)}#${claims.w}#${claims.c}`,
        1,
        ttlMs,
        now,
      );
      return spent.allowed ? { ok: true } : refuse('used');
    },
  };
}

export type MagicLinkTokens = ReturnType<typeof magicLinkTokens>;
