import type { HttpRequestEvent, HttpResponse } from '../../challenges/passkey/server/http.ts';
import type { SignInLimits } from '../../triggers/index.ts';
import type { ExtraClientOptions } from '../clients/app-clients.ts';
import type { ExplicitAuthFlow } from '../clients/explicit-auth-flows.ts';
import type { PoolFlow } from '../sign-in/built-in-triggers.ts';
import type { SessionLimits } from '../sign-in/sessions.ts';
import type { TriggerHandlers } from '../sign-in/trigger-runner.ts';

export interface LocalPoolOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 9229; 0 picks a free port. */
  port?: number;
  /**
   * Default `local_CustomAuth` (`xx-local-1_CustomAuth` with `cognitoIssuer`); the part after
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
  /**
   * A module path exporting the three handlers (JavaScript; TypeScript through the `tsx` of the
   * project holding the file, or of the working directory), or the handlers themselves. Their
   * senders can deliver to this pool's outbox with `sendCodeToOutbox` and `sendLinkToOutbox`.
   */
  triggers?: string | TriggerHandlers;
  /** AuthSessionValidity in seconds. Default 180. */
  sessionValiditySeconds?: number;
  /**
   * How long access and ID tokens live, in seconds, from 1 to 86400. Default 3600, an app
   * client's default. Cognito allows 5 minutes at least; shorter lets a test see tokens expire
   * and be refreshed without waiting.
   */
  tokenValiditySeconds?: number;
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
  /**
   * Environment variables the triggers read, set on `process.env` while the pool runs and
   * restored when it closes: the functions' environment of a template. As a function, made
   * once the pool listens, for values that name the pool itself.
   */
  environment?:
    | Readonly<Record<string, string>>
    | ((pool: { endpoint: string; userPoolId: string }) => Readonly<Record<string, string>>);
  /**
   * Handlers that serve `/passkeys/challenge` and `/passkeys/manage` in place of the pool's
   * own: a template's passkey functions, over the passkeys its triggers keep.
   */
  passkeyFunctions?: {
    challenge?: (event: HttpRequestEvent) => Promise<HttpResponse>;
    management?: (event: HttpRequestEvent) => Promise<HttpResponse>;
  };
  /**
   * Where codes, trigger failures (one line each: the username, the trigger, its error's
   * message) and internal errors are printed. Default console.log.
   */
  log?: (line: string) => void;
}

export const defaultUserPoolId = 'local_CustomAuth';
/**
 * `xx-local-1` is shaped as AWS names regions but is none: no deployed pool has an id in it, so
 * nothing that vouches for this pool's keys can stand in for a deployed pool's.
 */
export const localRegion = 'xx-local-1';
export const defaultCognitoShapedPoolId = `${localRegion}_CustomAuth`;

/** A pool id as Cognito makes them: `<region>_<name>`, the region as AWS names one. */
export const cognitoShapedPoolId = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;
export const defaultClientId = 'localcustomauthclient00000';
