import { useState } from 'react';
import type { Messages } from '../messages/index.ts';
import { format } from '../messages/index.ts';
import { minutesAndSeconds, secondsUntil, useNow } from '../parts/useNow.ts';

/** The last seconds of a challenge, marked `data-state="ending"`. */
const endingSeconds = 30;

/** Ticks every second on its own, so the screen around it does not re-render. */
export function ExpiryCountdown({
  expiresAt,
  messages,
}: {
  expiresAt: number;
  messages: Messages;
}) {
  const now = useNow(expiresAt);
  const left = secondsUntil(expiresAt, now);
  return (
    <p data-part="expiry" data-state={left > endingSeconds ? 'running' : 'ending'}>
      {format(messages.expiresIn, { time: minutesAndSeconds(left) })}
    </p>
  );
}

/**
 * Focusable through its cooldown (`aria-disabled`, clicks ignored), so that keyboard and
 * screen reader users find it and hear how long is left, in its name; that it is ready is
 * said once, politely.
 */
export function ResendButton({
  availableAt,
  disabled,
  onResend,
  messages,
}: {
  availableAt: number;
  disabled: boolean;
  onResend: () => void;
  messages: Messages;
}) {
  const now = useNow(availableAt);
  const wait = secondsUntil(availableAt, now);
  // Only a cooldown seen to end is news: not a button that was ready when it appeared.
  const [waited, setWaited] = useState(false);
  if (wait > 0 && !waited) setWaited(true);
  return (
    <>
      <button
        type="button"
        data-part="resend"
        data-state={wait > 0 ? 'cooldown' : 'ready'}
        aria-disabled={wait > 0 || undefined}
        disabled={disabled}
        onClick={wait > 0 ? undefined : onResend}
      >
        {wait > 0 ? format(messages.resendCodeIn, { seconds: wait }) : messages.resendCode}
      </button>
      {/* Said, not shown: the button says it already. */}
      <span data-part="announce" aria-live="polite">
        {waited && !wait && messages.resendReady}
      </span>
    </>
  );
}
