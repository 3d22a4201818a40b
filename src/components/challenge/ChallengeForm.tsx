import { CodeChallenge } from '../../challenges/code/CodeChallenge.tsx';
import { LinkConfirmation } from '../../challenges/magic-link/LinkConfirmation.tsx';
import { TextChallenge } from '../../challenges/text/TextChallenge.tsx';
import type { ChallengeInfo } from '../../machine/index.ts';
import { useChallenge } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { errorText, format, type Messages, plural } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { ScreenForm } from '../parts/ScreenForm.tsx';
import { StatusMessage } from '../parts/StatusMessage.tsx';
import { ExpiryCountdown, ResendButton } from './ChallengeCountdowns.tsx';

function titleOf(messages: Messages, challenge: ChallengeInfo): string {
  if (challenge.type !== 'code') return messages.challengeTitle;
  if (challenge.deliveryMedium === 'SMS') return messages.smsCodeTitle;
  return challenge.deliveryMedium === 'EMAIL' ? messages.emailCodeTitle : messages.codeTitle;
}

/**
 * The frame of every challenge: title, who is signing in (with "Not you?"), the step of a
 * chain, the trigger's hint (as text, never HTML), where a code went, the answer part for the
 * challenge's type, attempts left after a wrong answer, expiry, and resend for codes.
 * `components.challenges` adds or replaces answer parts by type name; an unknown type gets
 * the free-text answer.
 */
export function ChallengeForm() {
  const controls = useChallenge();
  const { messages, challenges } = useAuthUi();
  if (!controls) return null;
  if (controls.challenge.type === 'linkConfirmation') return <LinkConfirmation {...controls} />;
  const { challenge, username, isPending, error, errorProps, hintProps } = controls;
  const { hint, step, steps, round, attemptsLeft } = challenge;
  // Own keys only: a type named `constructor` must not find Object's.
  const Answer =
    (Object.hasOwn(challenges, challenge.name) && challenges[challenge.name]) ||
    (challenge.type === 'code' ? CodeChallenge : TextChallenge);
  const attempts =
    round > 1 && attemptsLeft !== null
      ? plural(messages, messages.attemptsLeft, attemptsLeft)
      : null;
  return (
    <ScreenForm
      screen="challenge"
      title={titleOf(messages, challenge)}
      isPending={isPending}
      onSubmit={controls.submit}
    >
      {steps !== null && steps > 1 && (
        <p data-part="step">{format(messages.stepOf, { step: step ?? 1, steps })}</p>
      )}
      <p data-part="user">
        {format(messages.signingInAs, { username })}{' '}
        <button type="button" data-part="link" onClick={controls.cancel} disabled={isPending}>
          {messages.notYou}
        </button>
      </p>
      {challenge.type === 'code' && challenge.destination && (
        <p data-part="destination">
          {format(messages.codeSentTo, { destination: challenge.destination })}
        </p>
      )}
      {hint && (
        <p {...hintProps} data-part="hint">
          {hint}
        </p>
      )}
      <Answer {...controls} />
      {attempts && (
        <p {...controls.attemptsProps} data-part="attempts">
          {attempts}
        </p>
      )}
      <ExpiryCountdown expiresAt={challenge.expiresAt} messages={messages} />
      <ErrorMessage id={errorProps.id} text={error && errorText(messages, error)} />
      <StatusMessage text={controls.resent ? messages.codeResent : null} />
      {challenge.type !== 'captcha' && (
        <button type="submit" data-part="submit" disabled={isPending}>
          {messages.confirm}
        </button>
      )}
      {controls.canResend && (
        <ResendButton
          availableAt={challenge.resendAvailableAt}
          disabled={isPending}
          onResend={controls.resend}
          messages={messages}
        />
      )}
    </ScreenForm>
  );
}
