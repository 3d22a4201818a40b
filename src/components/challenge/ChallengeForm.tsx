import { useChallenge } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { errorText, format, plural } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { ScreenForm, SubmitButton } from '../parts/ScreenForm.tsx';
import { StatusMessage } from '../parts/StatusMessage.tsx';
import { answerPartFor } from './answer-parts.ts';
import { ExpiryCountdown, ResendButton } from './ChallengeCountdowns.tsx';

/**
 * The frame of every challenge: title, the step of a chain, who is signing in (with "Not
 * you?"), where the challenge went, the trigger's hint (as text, never HTML), the answer part
 * for the challenge's type, attempts left after a wrong answer, expiry, Confirm, and resend
 * for codes. The part says what the frame shows of these (`AnswerPart`), or takes the whole
 * screen. `components.challenges` adds or replaces parts by type name; an unknown type gets
 * the free-text answer.
 */
export function ChallengeForm() {
  const controls = useChallenge();
  const { messages, challenges } = useAuthUi();
  if (!controls) return null;
  const { challenge, username, isPending, error, errorProps, hintProps } = controls;
  const { Answer, title, sentTo, submitsItself, ownsScreen } = answerPartFor(
    challenge.name,
    challenges,
  );
  if (ownsScreen) return <Answer {...controls} />;
  const { hint, step, steps, round, attemptsLeft } = challenge;
  const destination = sentTo?.(messages, challenge);
  const attempts =
    round > 1 && attemptsLeft !== null
      ? plural(messages, messages.attemptsLeft, attemptsLeft)
      : null;
  return (
    <ScreenForm
      screen="challenge"
      title={title ? title(messages, challenge) : messages.challengeTitle}
      isPending={isPending}
      onSubmit={controls.submit}
    >
      {steps !== null && steps > 1 && (
        <p data-part="step">{format(messages.stepOf, { step: step ?? 1, steps })}</p>
      )}
      <p data-part="user">
        {format(messages.signingInAs, { username })}{' '}
        {/* A cancel, while a request is pending too. */}
        <button type="button" data-part="link" onClick={controls.cancel}>
          {messages.notYou}
        </button>
      </p>
      {destination && <p data-part="destination">{destination}</p>}
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
      {!submitsItself && (
        <SubmitButton
          isPending={isPending}
          label={messages.confirm}
          pendingLabel={messages.checking}
        />
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
