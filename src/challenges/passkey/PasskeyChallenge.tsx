import { useEffect, useState } from 'react';
import { useAuthUi } from '../../components/AuthUiContext.tsx';
import type { AnswerPart } from '../../components/challenge/answer-part.ts';
import type { Messages } from '../../components/messages/index.ts';
import type { ChallengeControls } from '../../react/index.ts';
import { ANOTHER_WAY_PREFIX } from '../protocol.ts';
import {
  getPasskeyAnswer,
  notePasskeyUsed,
  passkeysSupported,
  readPasskeyOptions,
} from './client.ts';
import type { PasskeyRequestOptionsJSON } from './protocol.ts';

/**
 * The passkey parts' English, under the locale's words: `en` leaves it out, so that apps
 * without the parts do not ship it.
 */
export const passkeyEnglish = {
  passkeyTitle: 'Sign in with a passkey',
  passkeyWaiting: 'Use your passkey in the window your browser shows.',
  passkeyCancelled: 'No passkey was used: the request was closed or timed out.',
  passkeyUnsupported: 'This browser cannot use passkeys.',
  passkeyTryAgain: 'Use a passkey',
  useCodeInstead: 'Use a code instead',
  useAnotherWay: 'Use another way',
  passkeyEnrollTitle: 'Sign in faster next time',
  passkeyEnrollHint:
    'Create a passkey, and sign in with your fingerprint, face or screen lock instead of a code.',
  passkeyCreate: 'Create a passkey',
  passkeySkip: 'Not now',
} satisfies Partial<Messages>;

/** A word of the parts: the locale's, else English. */
export const passkeyText = (messages: Messages, key: keyof typeof passkeyEnglish) =>
  messages[key] ?? passkeyEnglish[key];

/** The other alternatives of an `anyOf` step, by index, as its rounds list them. */
export function otherAlternatives({ parameters }: ChallengeControls['challenge']) {
  const active = Number(parameters.alternative);
  return (parameters.alternatives ?? '')
    .split(',')
    .map((type, index) => ({ type, index }))
    .filter(({ type, index }) => type && index !== active);
}

type PromptState = 'asking' | 'cancelled' | 'unsupported';

/**
 * Sign-in with a passkey (`type: passkey`): opens the browser's passkey prompt at once, and
 * sends the assertion it gives. A closed or failed prompt can be opened again; beside it, the
 * step's other alternatives ("Use a code instead"). A browser without passkeys goes on by the
 * first other alternative by itself. Leaving the round closes the prompt.
 */
export function PasskeyChallenge(controls: ChallengeControls) {
  const { challenge, submit, isPending, username } = controls;
  const { messages } = useAuthUi();
  const others = otherAlternatives(challenge);
  const options = readPasskeyOptions<PasskeyRequestOptionsJSON>(challenge.parameters);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PromptState>('asking');
  const fallback = others[0];
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per round and per retry, not per render.
  useEffect(() => {
    if (!options || !passkeysSupported()) {
      if (fallback) submit(`${ANOTHER_WAY_PREFIX}${fallback.index}`);
      else setState('unsupported');
      return;
    }
    setState('asking');
    const request = new AbortController();
    getPasskeyAnswer(options, { signal: request.signal }).then(
      (answer) => {
        notePasskeyUsed(username);
        submit(answer);
      },
      () => {
        if (!request.signal.aborted) setState('cancelled');
      },
    );
    return () => request.abort();
  }, [challenge.round, challenge.parameters.publicKey, attempt]);
  const text = {
    asking: passkeyText(messages, 'passkeyWaiting'),
    cancelled: passkeyText(messages, 'passkeyCancelled'),
    unsupported: passkeyText(messages, 'passkeyUnsupported'),
  }[state];
  return (
    <>
      <p data-part="status" role="status">
        {isPending ? null : text}
      </p>
      {state === 'cancelled' && (
        <button
          type="button"
          data-part="submit"
          aria-disabled={isPending || undefined}
          onClick={() => isPending || setAttempt(attempt + 1)}
        >
          {passkeyText(messages, 'passkeyTryAgain')}
        </button>
      )}
      {others.map(({ type, index }) => (
        <button
          key={index}
          type="button"
          data-part="link"
          aria-disabled={isPending || undefined}
          onClick={() => isPending || submit(`${ANOTHER_WAY_PREFIX}${index}`)}
        >
          {passkeyText(messages, type === 'code' ? 'useCodeInstead' : 'useAnotherWay')}
        </button>
      ))}
    </>
  );
}

/**
 * The part for `type: passkey`, opt-in:
 * `components={{ challenges: { passkey: passkeyPart } }}`.
 */
export const passkeyPart: AnswerPart = {
  Answer: PasskeyChallenge,
  submitsItself: true,
  title: (messages) => passkeyText(messages, 'passkeyTitle'),
};
