import { useEffect, useState } from 'react';
import { useAuthUi } from '../../components/AuthUiContext.tsx';
import type { AnswerPart } from '../../components/challenge/answer-part.ts';
import type { ChallengeControls } from '../../react/index.ts';
import {
  createPasskeyAnswer,
  passkeysSupported,
  readPasskeyOptions,
  signedInWithPasskey,
} from './client.ts';
import { passkeyText } from './PasskeyChallenge.tsx';
import { PASSKEY_SKIP, type PasskeyCreationOptionsJSON } from './protocol.ts';

/** How long "Not now" is remembered, per user, in this browser. */
const skipForMs = 30 * 24 * 60 * 60_000;

const skipKey = (username: string) => `cognito-custom-auth.passkeySkipped.${username}`;

/** Storage may be missing or refuse: then the offer simply comes again. */
function skippedLately(username: string, now = Date.now()): boolean {
  try {
    return Number(localStorage.getItem(skipKey(username))) > now - skipForMs;
  } catch {
    return false;
  }
}

function rememberSkip(username: string) {
  try {
    localStorage.setItem(skipKey(username), String(Date.now()));
  } catch {}
}

/**
 * The offer to register a passkey (`type: passkeyEnrollment`), after a code: "Create a
 * passkey" opens the browser's prompt and sends the registration; "Not now" goes on without
 * one and is remembered for 30 days for this user in this browser, which then goes on by
 * itself, as a browser without passkeys does, and as a sign-in made with a passkey does.
 */
export function PasskeyEnrollment({ challenge, username, submit, isPending }: ChallengeControls) {
  const { messages } = useAuthUi();
  const options = readPasskeyOptions<PasskeyCreationOptionsJSON>(challenge.parameters);
  const [cancelled, setCancelled] = useState(false);
  const [creating, setCreating] = useState<AbortController | null>(null);
  const goesOnAlone =
    !options || !passkeysSupported() || skippedLately(username) || signedInWithPasskey(username);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per round.
  useEffect(() => {
    if (goesOnAlone) submit(PASSKEY_SKIP);
  }, [challenge.round]);
  // A prompt left open is closed with the round.
  useEffect(() => () => creating?.abort(), [creating]);
  if (goesOnAlone) return null;
  const create = () => {
    if (isPending || creating) return;
    const request = new AbortController();
    setCreating(request);
    setCancelled(false);
    createPasskeyAnswer(options as PasskeyCreationOptionsJSON, { signal: request.signal }).then(
      submit,
      () => {
        if (!request.signal.aborted) setCancelled(true);
        setCreating(null);
      },
    );
  };
  const skip = () => {
    if (isPending) return;
    rememberSkip(username);
    submit(PASSKEY_SKIP);
  };
  return (
    <>
      <p data-part="status" role="status">
        {passkeyText(messages, cancelled ? 'passkeyCancelled' : 'passkeyEnrollHint')}
      </p>
      <button
        type="button"
        data-part="submit"
        aria-disabled={isPending || creating !== null || undefined}
        onClick={create}
      >
        {passkeyText(messages, 'passkeyCreate')}
      </button>
      <button type="button" data-part="link" aria-disabled={isPending || undefined} onClick={skip}>
        {passkeyText(messages, 'passkeySkip')}
      </button>
    </>
  );
}

/**
 * The part for `type: passkeyEnrollment`, opt-in:
 * `components={{ challenges: { passkeyEnrollment: passkeyEnrollmentPart } }}`.
 */
export const passkeyEnrollmentPart: AnswerPart = {
  Answer: PasskeyEnrollment,
  submitsItself: true,
  title: (messages) => passkeyText(messages, 'passkeyEnrollTitle'),
};
