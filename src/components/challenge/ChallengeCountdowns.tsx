import type { Messages } from '../messages/index.ts';
import { format } from '../messages/index.ts';
import { minutesAndSeconds, secondsUntil, useNow } from '../parts/useNow.ts';

/** Ticks every second on its own, so the screen around it does not re-render. */
export function ExpiryCountdown({
  expiresAt,
  messages,
}: {
  expiresAt: number;
  messages: Messages;
}) {
  const now = useNow(expiresAt);
  return (
    <p data-part="expiry">
      {format(messages.expiresIn, { time: minutesAndSeconds(secondsUntil(expiresAt, now)) })}
    </p>
  );
}

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
  return (
    <button
      type="button"
      data-part="resend"
      data-state={wait > 0 ? 'cooldown' : 'ready'}
      disabled={disabled || wait > 0}
      onClick={onResend}
    >
      {wait > 0 ? format(messages.resendCodeIn, { seconds: wait }) : messages.resendCode}
    </button>
  );
}
