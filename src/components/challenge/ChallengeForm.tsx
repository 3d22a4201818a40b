import { useEffect, useId, useRef, useState } from 'react';
import { attemptsLeftOf } from '../../machine/index.ts';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { CodeInput } from '../code-input/CodeInput.tsx';
import { format, type Messages } from '../messages/index.ts';
import { ErrorMessage } from '../parts/ErrorMessage.tsx';
import { ScreenForm } from '../parts/ScreenForm.tsx';
import { StatusMessage } from '../parts/StatusMessage.tsx';
import { useFocusOnMount } from '../parts/useFocusOnMount.ts';
import { useScreenError } from '../parts/useScreenError.ts';
import { ExpiryCountdown, ResendButton } from './ChallengeCountdowns.tsx';

const select = ({
  isPending,
  error,
  challenge,
  answerChallenge,
  resendChallenge,
  goToSignIn,
}: CustomAuth) => ({ isPending, error, challenge, answerChallenge, resendChallenge, goToSignIn });

function attemptsLeftText(messages: Messages, count: number | null): string | null {
  if (count === null) return null;
  return count === 1 ? messages.attemptsLeftOne : format(messages.attemptsLeftOther, { count });
}

/**
 * The custom challenge: the trigger's hint (as text, never HTML), where the code went, the
 * attempts left after a wrong answer, the expiry countdown, and resend with its cooldown.
 */
export function ChallengeForm() {
  const { isPending, error, challenge, answerChallenge, resendChallenge, goToSignIn } =
    useCustomAuth(select);
  const { messages } = useAuthUi();
  const [code, setCode] = useState('');
  const codeField = useFocusOnMount<HTMLInputElement>();
  const { errorId, text, isInvalid } = useScreenError(error, {
    EmptyAnswer: 'code',
    InputTooLong: 'code',
    WrongAnswer: 'code',
  });
  const round = challenge?.round ?? 1;
  // A new round or a resent code starts with an empty field; the first one needs no reset.
  const challengeKey = `${round}:${challenge?.resendAvailableAt}`;
  const firstChallengeKey = useRef(challengeKey);
  const [resent, setResent] = useState(false);
  useEffect(() => {
    if (challengeKey === firstChallengeKey.current) return;
    setCode('');
    setResent(round === 1);
    codeField.current?.focus();
  }, [challengeKey, round, codeField]);
  const attemptsId = useId();
  if (!challenge) return null;
  const { hint, parameters, expiresAt, resendAvailableAt } = challenge;
  // Without a length from the trigger, the answer may be anything: no cutting, no auto-submit.
  const parsedLength = Number.parseInt(parameters.codeLength ?? '', 10);
  const codeLength = Number.isFinite(parsedLength) ? parsedLength : undefined;
  const attemptsLeft = round > 1 ? attemptsLeftText(messages, attemptsLeftOf(challenge)) : null;
  return (
    <ScreenForm
      screen="challenge"
      title={messages.challengeTitle}
      isPending={isPending}
      onSubmit={() => answerChallenge(code)}
    >
      {hint && <p data-part="hint">{hint}</p>}
      {parameters.destination && (
        <p data-part="destination">
          {format(messages.codeSentTo, { destination: parameters.destination })}
        </p>
      )}
      <CodeInput
        label={messages.code}
        value={code}
        onChange={setCode}
        onComplete={answerChallenge}
        length={codeLength}
        numeric={codeLength !== undefined}
        disabled={isPending}
        invalid={isInvalid('code')}
        errorId={errorId}
        help={codeLength === undefined ? undefined : messages.codeHint}
        describedBy={attemptsLeft ? attemptsId : undefined}
        inputRef={codeField}
      />
      {attemptsLeft && (
        <p id={attemptsId} data-part="attempts">
          {attemptsLeft}
        </p>
      )}
      <ExpiryCountdown expiresAt={expiresAt} messages={messages} />
      <ErrorMessage id={errorId} text={text} />
      <StatusMessage text={resent ? messages.codeResent : null} />
      <button type="submit" data-part="submit" disabled={isPending}>
        {messages.confirm}
      </button>
      <ResendButton
        availableAt={resendAvailableAt}
        disabled={isPending}
        onResend={resendChallenge}
        messages={messages}
      />
      <button type="button" data-part="link" onClick={goToSignIn} disabled={isPending}>
        {messages.backToSignIn}
      </button>
    </ScreenForm>
  );
}
