import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { answersMatch, normalizeAnswer } from './answers.ts';
import type { CustomChallengeStep } from './chain-steps.ts';
import { validAttempts } from './chain-steps.ts';
import { decoyMaskedDestination, generateCode, unguessableAnswer } from './code.ts';
import { isEmailAddress, maskDestination } from './mask.ts';
import { codeLengthRange, type SendCode } from './options.ts';
import { sendCodeWithSes } from './ses.ts';

/** The address the code goes to: email first, then phone number. */
export function destinationOf(event: CreateAuthChallengeTriggerEvent): string {
  const attributes: Partial<Record<string, string>> = event.request.userAttributes ?? {};
  const destination = attributes.email?.trim() || attributes.phone_number?.trim();
  if (!destination) {
    throw new Error(
      `User ${event.userName} has neither an email nor a phone_number attribute, so there is ` +
        'nowhere to send a sign-in code. Require one of them at sign-up.',
    );
  }
  return destination;
}

/** Options of {@link codeStep}. */
export interface CodeStepOptions {
  /** Digits, 4 to 12. Default 6. */
  codeLength?: number;
  /** Default 3. */
  maxAttempts?: number;
  /** Default: where the code went is shown by the UI, so the hint says what to do with it. */
  hint?: string;
  /** Delivers the code. Default: email through Amazon SES (`CUSTOM_AUTH_SENDER_EMAIL`). */
  sendCode?: SendCode;
}

/**
 * A one-time code (`type: code`), made with `crypto.randomInt` and sent once per sign-in:
 * later rounds of the step reuse it, so a wrong answer does not send a second code.
 */
export function codeStep(options: CodeStepOptions = {}): CustomChallengeStep {
  const codeLength = options.codeLength ?? 6;
  if (
    !Number.isInteger(codeLength) ||
    codeLength < codeLengthRange.min ||
    codeLength > codeLengthRange.max
  ) {
    throw new RangeError(
      `codeLength must be a whole number from ${codeLengthRange.min} to ${codeLengthRange.max}, got ${String(codeLength)}.`,
    );
  }
  const sendCode = options.sendCode ?? sendCodeWithSes;
  const hint = options.hint ?? 'Enter the code we sent you';
  const reused = (metadata: string | undefined) =>
    metadata && new RegExp(`^\\d{${codeLength}}$`).test(metadata) ? metadata : undefined;
  return {
    kind: 'custom',
    type: 'code',
    maxAttempts: validAttempts(options.maxAttempts ?? 3),
    async create({ event, previousMetadata, deliver, decoySecret, decoyEmailDomains }) {
      if (event.request.userNotFound === true) {
        if (previousMetadata === undefined) await deliver(null);
        const destination = decoyMaskedDestination(event.userName, decoySecret, decoyEmailDomains);
        return {
          hint,
          parameters: parametersFor(destination, codeLength),
          privateParameters: { answer: unguessableAnswer() },
          metadata: 'NONE',
        };
      }
      const destination = destinationOf(event);
      let code = reused(previousMetadata);
      if (code === undefined) {
        const fresh = generateCode(codeLength);
        await deliver(() => sendCode({ destination, code: fresh, event }));
        code = fresh;
      }
      return {
        hint,
        parameters: parametersFor(maskDestination(destination), codeLength),
        privateParameters: { answer: code },
        metadata: code,
      };
    },
    // Compared for everyone, so unknown users take as long; a code never passes for them.
    verify: async ({ event, answer, privateParameters }) => {
      const expected = normalizeAnswer(privateParameters.answer);
      const matches = answersMatch(normalizeAnswer(answer), expected);
      return matches && expected !== '' && event.request.userNotFound !== true;
    },
  };
}

function parametersFor(maskedDestination: string, codeLength: number) {
  return {
    codeLength: String(codeLength),
    destination: maskedDestination,
    deliveryMedium: isEmailAddress(maskedDestination) ? 'EMAIL' : 'SMS',
  };
}
