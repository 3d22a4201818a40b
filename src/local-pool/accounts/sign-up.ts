import { createHash, timingSafeEqual } from 'node:crypto';
import { passwordSymbol } from '../../shared/password-symbols.ts';
import { generateCode } from '../../triggers/common/answers.ts';
import { decoyMaskedDestination } from '../../triggers/delivery/decoy-destinations.ts';
import { isPhoneNumber, maskEmail, maskPhoneNumber } from '../../triggers/delivery/mask.ts';
import type { LocalLog, OutboxEntry } from '../local-aids/local-log.ts';
import type { PoolStore, StoredUser } from '../persistence/pool-store.ts';
import { CognitoError, invalidParameter, userNotFound } from '../protocol/errors.ts';
import { attributeList, type RequestBody, requiredString } from '../protocol/request-body.ts';
import { createPasswordVerifier } from '../sign-in/srp.ts';
import type { AttributeSchema } from './attribute-schema.ts';
import { ConfirmationLimits, defaultConfirmationLimits } from './confirmation-limits.ts';

export interface SignUpDependencies {
  poolName: string;
  store: PoolStore;
  /** Which attributes SignUp may write. */
  schema: AttributeSchema;
  outbox: LocalLog<OutboxEntry>;
  preventUserExistenceErrors: boolean;
  log: (line: string) => void;
  /** The key unknown users' decoy addresses derive from; see `decoyMaskedDestination`. */
  decoySecret: string;
  /** Wrong codes and resends per username and window; default 5 and 5 per 15 minutes. */
  limits?: ConfirmationLimits;
}

const codeLifetimeMs = 24 * 3600 * 1000;

const usernamePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

const digest = (code: string) => createHash('sha256').update(code).digest();

/** Cognito's default password policy, with its own wording. */
export function passwordPolicyError(password: string): string | null {
  if (password.length < 8) return 'Password not long enough';
  if (!/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (!/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (!/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (!passwordSymbol.test(password)) {
    return 'Password must have symbol characters';
  }
  return null;
}

interface Delivery {
  Destination: string;
  DeliveryMedium: 'EMAIL' | 'SMS';
  AttributeName: 'email' | 'phone_number';
}

function deliveryFor(attributes: Record<string, string>): Delivery & { address: string } {
  if (attributes.email) {
    const address = attributes.email;
    return {
      address,
      Destination: maskEmail(address),
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    };
  }
  const address = attributes.phone_number ?? '';
  return {
    address,
    Destination: maskPhoneNumber(address),
    DeliveryMedium: 'SMS',
    AttributeName: 'phone_number',
  };
}

/**
 * An unknown user's delivery: medium and attribute follow the decoy's shape, since a masked
 * phone number said to have gone by email would give the decoy away.
 */
function decoyDelivery(username: string, secret: string): Delivery {
  return isPhoneNumber(username)
    ? {
        Destination: maskPhoneNumber(username),
        DeliveryMedium: 'SMS',
        AttributeName: 'phone_number',
      }
    : {
        Destination: decoyMaskedDestination(username, secret),
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      };
}

/** SignUp, ConfirmSignUp and ResendConfirmationCode. */
export class SignUpFlow {
  private readonly limits: ConfirmationLimits;

  constructor(private readonly deps: SignUpDependencies) {
    this.limits =
      deps.limits ??
      new ConfirmationLimits(defaultConfirmationLimits, () => Date.now(), deps.store.usernameKey);
  }

  async signUp(body: RequestBody) {
    const username = requiredString(body, 'Username', 128);
    if (!usernamePattern.test(username)) {
      throw invalidParameter(
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      );
    }
    const password = requiredString(body, 'Password', 256);
    const attributes = attributeList(body, 'UserAttributes');
    this.deps.schema.checkSignUp(Object.keys(attributes));
    const policyError = passwordPolicyError(password);
    if (policyError) {
      throw new CognitoError(
        'InvalidPasswordException',
        `Password did not conform with policy: ${policyError}`,
      );
    }
    if (!attributes.email && !attributes.phone_number) {
      throw invalidParameter(
        'Attributes did not conform to the schema: email: The attribute is required',
      );
    }
    if (this.deps.store.findUser(username)) {
      throw new CognitoError('UsernameExistsException', 'User already exists');
    }
    const user = await this.deps.store.addUser({
      username,
      status: 'UNCONFIRMED',
      attributes,
      ...createPasswordVerifier(this.deps.poolName, username, password),
    });
    return {
      UserConfirmed: false,
      UserSub: user.sub,
      CodeDeliveryDetails: await this.sendCode(user, 'signUp'),
    };
  }

  async confirmSignUp(body: RequestBody) {
    const username = requiredString(body, 'Username', 128);
    const code = requiredString(body, 'ConfirmationCode', 2048);
    const user = this.deps.store.findUser(username);
    if (!user && !this.deps.preventUserExistenceErrors) throw userNotFound();
    if (user?.status === 'CONFIRMED') {
      throw new CognitoError(
        'NotAuthorizedException',
        'User cannot be confirmed. Current status is CONFIRMED',
      );
    }
    // An unknown name is limited like a real one: it just never has a code to match.
    this.limits.checkCode(username);
    const pending = user?.confirmation;
    if (
      !user ||
      !pending ||
      !timingSafeEqual(digest(code.trim()), Buffer.from(pending.codeHash, 'hex'))
    ) {
      this.limits.recordWrongCode(username);
      throw codeMismatch();
    }
    if (pending.expiresAt < Date.now()) {
      throw new CognitoError(
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    await this.deps.store.updateUser(user, { status: 'CONFIRMED', confirmation: undefined });
    return {};
  }

  async resendConfirmationCode(body: RequestBody) {
    const username = requiredString(body, 'Username', 128);
    const user = this.deps.store.findUser(username);
    if (!user && !this.deps.preventUserExistenceErrors) throw userNotFound();
    this.limits.takeResend(username);
    if (!user) {
      // Looks like a real user's delivery, so the answer says nothing about existence.
      return { CodeDeliveryDetails: decoyDelivery(username, this.deps.decoySecret) };
    }
    if (user.status === 'CONFIRMED') throw invalidParameter('User is already confirmed.');
    return { CodeDeliveryDetails: await this.sendCode(user, 'resendSignUp') };
  }

  /** Saves the new code before it is "sent", so a code a user holds always exists on disk. */
  private async sendCode(user: StoredUser, kind: 'signUp' | 'resendSignUp'): Promise<Delivery> {
    const code = generateCode(6);
    await this.deps.store.updateUser(user, {
      confirmation: {
        codeHash: digest(code).toString('hex'),
        expiresAt: Date.now() + codeLifetimeMs,
      },
    });
    const { address, ...delivery } = deliveryFor(user.attributes);
    this.deps.outbox.add({
      username: user.username,
      destination: address,
      kind,
      code,
      time: new Date().toISOString(),
    });
    this.deps.log(`confirmation code for ${user.username} (${address}): ${code}`);
    return delivery;
  }
}

function codeMismatch() {
  return new CognitoError(
    'CodeMismatchException',
    'Invalid verification code provided, please try again.',
  );
}
