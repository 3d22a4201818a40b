import { type ChallengeControls, useChallenge } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { errorText, format, type Messages, plural } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { formatIsolated } from '../parts/formatIsolated.tsx';
import { ScreenForm, SubmitButton } from '../parts/ScreenForm.tsx';
import { StatusMessage } from '../parts/StatusMessage.tsx';
import { answerPartFor } from './answer-parts.ts';
import { ExpiryCountdown, ResendLine } from './ChallengeCountdowns.tsx';
import { ExpiredChallenge } from './ExpiredChallenge.tsx';
import { SignUpConfirmedStatus } from './SignUpConfirmedStatus.tsx';

/**
 * The frame of every challenge: title, the step of a chain, who is signing in (with "Not
 * you?"), where the challenge went, the trigger's hint (as text, never HTML), the answer part
 * for the challenge's type, one message under it (what was wrong, with the attempts left),
 * a code's resend line, expiry and Confirm. The part says what the frame shows of these
 * (`AnswerPart`), or takes the whole screen; once the challenge has run out of time, a new
 * start takes its place. `components.challenges` adds or replaces parts by type name; an
 * unknown type gets the free-text answer. What the trigger or the user sent (the hint, the
 * address, the username) keeps its own direction inside a right-to-left language.
 */
export function ChallengeForm() {
  const controls = useChallenge();
  const { messages, challenges } = useAuthUi();
  if (!controls) return null;
  const { challenge, username, isPending, errorProps, hintProps } = controls;
  const { Answer, title, sentTo, submitLabel, submitsItself, ownsScreen } = answerPartFor(
    challenge.name,
    challenges,
  );
  const screenTitle = title ? title(messages, challenge) : messages.challengeTitle;
  if (controls.isExpired) return <ExpiredChallenge {...controls} title={screenTitle} />;
  if (ownsScreen) return <Answer {...controls} />;
  const { hint, step, steps } = challenge;
  const destination = sentTo?.(messages, challenge);
  const sentAddress = challenge.parameters.destination;
  return (
    <ScreenForm
      screen="challenge"
      title={screenTitle}
      isPending={isPending}
      onSubmit={controls.submit}
    >
      <SignUpConfirmedStatus />
      {steps !== null && steps > 1 && (
        <p data-part="step">{format(messages.stepOf, { step: step ?? 1, steps })}</p>
      )}
      <p data-part="user">
        {formatIsolated(messages.signingInAs, { username })}{' '}
        {/* A cancel, while a request is pending too. */}
        <button type="button" data-part="link" onClick={controls.cancel}>
          {messages.notYou}
        </button>
      </p>
      {destination && (
        <p data-part="destination">
          {sentAddress
            ? formatIsolated(destination.replaceAll(sentAddress, '{address}'), {
                address: sentAddress,
              })
            : destination}
        </p>
      )}
      {hint && (
        <p {...hintProps} data-part="hint" dir="auto">
          {hint}
        </p>
      )}
      <Answer {...controls} />
      <ErrorMessage id={errorProps.id} text={answerMessage(messages, controls)} />
      {controls.canResend && <ResendLine {...controls} messages={messages} />}
      <ExpiryCountdown expiresAt={challenge.expiresAt} messages={messages} />
      <StatusMessage text={controls.resent ? messages.codeResent : null} />
      {!submitsItself && (
        <SubmitButton
          isPending={isPending}
          label={submitLabel ? submitLabel(messages, challenge) : messages.confirm}
          pendingLabel={messages.checking}
        />
      )}
    </ScreenForm>
  );
}

/**
 * The one message under the answer, read with the field: what was wrong and the attempts
 * left, as one sentence; the attempts alone on a round resumed after a reload.
 */
function answerMessage(
  messages: Messages,
  { challenge, error, isInvalid, isPending }: ChallengeControls,
): string | null {
  const { round, attemptsLeft } = challenge;
  const attempts =
    round > 1 && attemptsLeft !== null
      ? plural(messages, messages.attemptsLeft, attemptsLeft)
      : null;
  if (!error) return isPending ? null : attempts;
  const text =
    error.code === 'WrongAnswer' && challenge.type === 'code'
      ? messages.wrongCode
      : errorText(messages, error);
  return isInvalid && attempts
    ? format(messages.errorWithAttempts, { error: text, attempts })
    : text;
}
