import { useAuthUi } from '../../components/AuthUiContext.tsx';
import type { AnswerPart } from '../../components/challenge/answer-part.ts';
import { formatIsolated } from '../../components/parts/formatIsolated.tsx';
import { ScreenForm, SubmitButton } from '../../components/parts/ScreenForm.tsx';
import { useFocusOnMount } from '../../components/parts/useFocusOnMount.ts';
import type { LinkConfirmationInfo } from '../../machine/index.ts';
import type { ChallengeControls } from '../../react/index.ts';

/**
 * A sign-in link that another browser asked for: the account it opens (where it was mailed,
 * masked), Continue and Cancel. Focus starts on Cancel, so that a reflexive Enter signs no one
 * in; Cancel drops the link and shows the empty sign-in form, also while Continue is pending.
 */
export function LinkConfirmation({ challenge, isPending, submit, cancel }: ChallengeControls) {
  const { messages } = useAuthUi();
  const cancelButton = useFocusOnMount<HTMLButtonElement>();
  const { destination } = challenge as LinkConfirmationInfo;
  return (
    <ScreenForm
      screen="linkConfirmation"
      title={formatIsolated(messages.linkConfirmation, { destination })}
      isPending={isPending}
      onSubmit={submit}
    >
      <p data-part="hint">{messages.linkConfirmationHint}</p>
      <SubmitButton
        isPending={isPending}
        label={messages.continue}
        pendingLabel={messages.signingIn}
      />
      {/* A cancel, while the sign-in is under way too. */}
      <button type="button" data-part="link" ref={cancelButton} onClick={cancel}>
        {messages.cancel}
      </button>
    </ScreenForm>
  );
}

/** A question with its own buttons rather than an answer: the whole screen, with no frame. */
export const linkConfirmationPart: AnswerPart = { Answer: LinkConfirmation, ownsScreen: true };
