import { useState } from 'react';
import type { ChallengeControls } from '../../react/index.ts';
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
 * The line under the field for a code that has not come: "Didn't get it?", then resend, which
 * stays focusable through its cooldown and while pending (`aria-disabled`, clicks ignored) so
 * that keyboard and screen reader users find it, keep their place, and hear how long is left,
 * in its name (that it is ready is said once, politely); and after a choice of channel, the
 * others, which need no wait.
 */
export function ResendLine({
  challenge,
  isPending,
  resend,
  resendBy,
  messages,
}: Pick<ChallengeControls, 'challenge' | 'isPending' | 'resend' | 'resendBy'> & {
  messages: Messages;
}) {
  const now = useNow(challenge.resendAvailableAt);
  const wait = secondsUntil(challenge.resendAvailableAt, now);
  // Only a cooldown seen to end is news: not a button that was ready when it appeared.
  const [waited, setWaited] = useState(false);
  if (wait > 0 && !waited) setWaited(true);
  const instead: Partial<Record<string, string>> = {
    email: messages.sendByEmail,
    sms: messages.sendBySms,
  };
  const others =
    challenge.type === 'code'
      ? challenge.channels.filter(
          (channel) => channel !== challenge.deliveryMedium?.toLowerCase() && instead[channel],
        )
      : [];
  return (
    <p data-part="resend">
      {messages.didNotGetCode}{' '}
      <button
        type="button"
        data-part="link"
        data-state={wait > 0 ? 'cooldown' : 'ready'}
        aria-disabled={wait > 0 || isPending || undefined}
        onClick={wait > 0 || isPending ? undefined : resend}
      >
        {wait > 0 ? format(messages.resendCodeIn, { seconds: wait }) : messages.resendCode}
      </button>
      {others.map((channel) => (
        <button
          key={channel}
          type="button"
          data-part="link"
          aria-disabled={isPending || undefined}
          onClick={() => isPending || resendBy(channel)}
        >
          {instead[channel]}
        </button>
      ))}
      {/* Said, not shown: the button says it already. */}
      <span data-part="announce" aria-live="polite">
        {waited && !wait && messages.resendReady}
      </span>
    </p>
  );
}
