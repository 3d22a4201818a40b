import { type ChangeEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import type { ChallengeInfo, CustomAuthError, CustomAuthErrorCode } from '../machine/index.ts';
import { useCustomAuth } from './useCustomAuth.ts';

/** Everything a challenge screen needs, with props to spread on its parts. */
export interface ChallengeControls {
  challenge: ChallengeInfo;
  /** Who is signing in, for a "Not you?" line. */
  username: string;
  isPending: boolean;
  error: CustomAuthError | null;
  /** True when the error is about the answer (empty, too long, wrong). */
  isInvalid: boolean;
  /** The answer as typed; emptied for each new round, step or code. */
  answer: string;
  setAnswer: (answer: string) => void;
  /** Sends the typed answer, or `value` (a widget's token, a picked option). */
  submit: (value?: string) => void;
  /** Only codes can be sent again; from `challenge.resendAvailableAt` on. */
  canResend: boolean;
  resend: () => void;
  /** After a choice of channel (the code's `channels`), the code by another one, at once. */
  resendBy: (channel: string) => void;
  /**
   * The challenge ran out of time: nothing can answer it, `resend` starts the sign-in again
   * for the same user, `cancel` goes back. Stays true while that resend is pending.
   */
  isExpired: boolean;
  /** Back to the sign-in screen, e.g. for "Not you?". */
  cancel: () => void;
  /** A new code has just been sent for this step. */
  resent: boolean;
  labelProps: { htmlFor: string };
  fieldProps: {
    id: string;
    ref: RefObject<HTMLInputElement | null>;
    name: 'answer';
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement>) => void;
    disabled: boolean;
    'aria-invalid': true | undefined;
    'aria-describedby': string;
  };
  hintProps: { id: string };
  /** For the attempts left, which the field is described by too. */
  attemptsProps: { id: string };
  errorProps: { id: string; role: 'alert' };
}

const answerErrors = new Set<CustomAuthErrorCode>(['EmptyAnswer', 'InputTooLong', 'WrongAnswer']);

/**
 * The challenge in progress as parts to render, react-aria style: spread `fieldProps` on the
 * input, `labelProps` on its label, `hintProps`, `attemptsProps` and `errorProps` on the
 * texts they describe it with. Focus moves to the field at each new round or step. Null outside a challenge.
 */
export function useChallenge(): ChallengeControls | null {
  const {
    challenge,
    challengeExpired,
    username,
    isPending,
    error,
    answerChallenge,
    resendChallenge,
    resendChallengeBy,
    goToSignIn,
  } = useCustomAuth();
  const [answer, setAnswer] = useState('');
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  // A new round, step or code empties the field; a new code in the same step, after one had
  // gone somewhere, is a resend (a link's first email follows a round that sent nothing).
  const key = `${challenge?.step}:${challenge?.round}:${challenge?.resendAvailableAt}`;
  const sent = challenge?.parameters.destination !== undefined;
  const [seen, setSeen] = useState({ key, step: challenge?.step, sent, resent: false });
  if (seen.key !== key) {
    const resent = challenge?.round === 1 && challenge.step === seen.step && seen.sent;
    setSeen({ key, step: challenge?.step, sent, resent });
    setAnswer('');
  }
  // A resend from an expired challenge is pending as any call is: the screen stays expired.
  const [isExpired, setExpired] = useState(challengeExpired);
  if (!isPending && isExpired !== challengeExpired) setExpired(challengeExpired);
  useEffect(() => {
    // At mount and at each new key: the test only names what the effect follows.
    if (key) field.current?.focus();
  }, [key]);
  if (!challenge) return null;
  const isInvalid = error !== null && answerErrors.has(error.code);
  const submit = (value = answer) => answerChallenge(value);
  return {
    challenge,
    username,
    isPending,
    error,
    isInvalid,
    answer,
    setAnswer,
    submit,
    canResend: challenge.type === 'code',
    resend: resendChallenge,
    resendBy: resendChallengeBy,
    isExpired,
    cancel: goToSignIn,
    resent: seen.resent,
    labelProps: { htmlFor: `${id}f` },
    fieldProps: {
      id: `${id}f`,
      ref: field,
      name: 'answer',
      value: answer,
      onChange: (event) => setAnswer(event.target.value),
      disabled: isPending,
      'aria-invalid': isInvalid || undefined,
      'aria-describedby': `${id}h ${id}a ${id}e`,
    },
    hintProps: { id: `${id}h` },
    attemptsProps: { id: `${id}a` },
    errorProps: { id: `${id}e`, role: 'alert' },
  };
}
