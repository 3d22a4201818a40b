import { createHash, timingSafeEqual } from 'node:crypto';
import { decoyMaskedDestination, generateCode } from '../triggers/code.ts';
import { maskEmail, maskPhoneNumber } from '../triggers/mask.ts';
import { CognitoError, invalidParameter, userNotFound } from './errors.ts';
import type { LocalLog, OutboxEntry } from './local-log.ts';
import { attributeList, type RequestBody, requiredString } from './request.ts';
import { createPasswordVerifier } from './srp.ts';
import type { PoolStore, StoredUser } from './store.ts';

export interface SignUpDependencies {
  poolName: string;
  store: PoolStore;
  outbox: LocalLog<OutboxEntry>;
  preventUserExistenceErrors: boolean;
  log: (line: string) => void;
}

const codeLifetimeMs = 24 * 3600 * 1000;
/** Wrong confirmation codes allowed per code before Cognito-style LimitExceeded. */
const maxConfirmAttempts = 5;

/** Attributes only the pool sets: a client writing them could pose as another user. */
const isReservedAttribute = (name: string) =>
  name === 'sub' || name.startsWith('cognito:') || name.endsWith('_verified');
const usernamePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

const digest = (code: string) => createHash('sha256').update(code).digest();

/** Cognito's default password policy, with its own wording. */
export function passwordPolicyError(password: string): string | null {
  if (password.length < 8) return 'Password not long enough';
  if (!/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (!/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (!/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (!/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) {
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

/** SignUp, ConfirmSignUp and ResendConfirmationCode. */
export class SignUpFlow {
  constructor(private readonly deps: SignUpDependencies) {}

  signUp(body: RequestBody) {
    const username = requiredString(body, 'Username', 128);
    if (!usernamePattern.test(username)) {
      throw invalidParameter(
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      );
    }
    const password = requiredString(body, 'Password', 256);
    const attributes = attributeList(body, 'UserAttributes');
    const reserved = Object.keys(attributes).find(isReservedAttribute);
    if (reserved) {
      throw invalidParameter(`A client cannot write the attribute ${reserved}.`);
    }
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
    const user = this.deps.store.addUser({
      username,
      status: 'UNCONFIRMED',
      attributes,
      ...createPasswordVerifier(this.deps.poolName, username, password),
    });
    return {
      UserConfirmed: false,
      UserSub: user.sub,
      CodeDeliveryDetails: this.sendCode(user, 'signUp'),
    };
  }

  confirmSignUp(body: RequestBody) {
    const username = requiredString(body, 'Username', 128);
    const code = requiredString(body, 'ConfirmationCode', 2048);
    const user = this.deps.store.findUser(username);
    if (!user) {
      if (this.deps.preventUserExistenceErrors) throw codeMismatch();
      throw userNotFound();
    }
    if (user.status === 'CONFIRMED') {
      throw new CognitoError(
        'NotAuthorizedException',
        'User cannot be confirmed. Current status is CONFIRMED',
      );
    }
    const pending = user.confirmation;
    if (pending && (pending.failedAttempts ?? 0) >= maxConfirmAttempts) {
      throw new CognitoError(
        'LimitExceededException',
        'Attempt limit exceeded, please request a new code.',
      );
    }
    if (!pending || !timingSafeEqual(digest(code.trim()), Buffer.from(pending.codeHash, 'hex'))) {
      if (pending) {
        this.deps.store.updateUser(user, {
          confirmation: { ...pending, failedAttempts: (pending.failedAttempts ?? 0) + 1 },
        });
      }
      throw codeMismatch();
    }
    if (pending.expiresAt < Date.now()) {
      throw new CognitoError(
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    this.deps.store.updateUser(user, { status: 'CONFIRMED', confirmation: undefined });
    return {};
  }

  resendConfirmationCode(body: RequestBody) {
    const username = requiredString(body, 'Username', 128);
    const user = this.deps.store.findUser(username);
    if (!user) {
      if (!this.deps.preventUserExistenceErrors) throw userNotFound();
      // Looks like a real user's delivery, so the answer says nothing about existence.
      return {
        CodeDeliveryDetails: {
          Destination: decoyMaskedDestination(username),
          DeliveryMedium: 'EMAIL',
          AttributeName: 'email',
        },
      };
    }
    if (user.status === 'CONFIRMED') throw invalidParameter('User is already confirmed.');
    return { CodeDeliveryDetails: this.sendCode(user, 'resendSignUp') };
  }

  private sendCode(user: StoredUser, kind: 'signUp' | 'resendSignUp'): Delivery {
    const code = generateCode(6);
    this.deps.store.updateUser(user, {
      confirmation: {
        codeHash: digest(code).toString('hex'),
        expiresAt: Date.now() + codeLifetimeMs,
        failedAttempts: 0,
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
