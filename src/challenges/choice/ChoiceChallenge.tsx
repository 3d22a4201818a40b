import { useAuthUi } from '../../components/AuthUiContext.tsx';
import type { Messages } from '../../components/messages/index.ts';
import type { ChallengeControls } from '../../react/index.ts';
import { TextChallenge } from '../text/TextChallenge.tsx';

/**
 * The part's English, under the locale's words: `en` leaves it out, so that apps without the
 * part do not ship it.
 */
export const choiceEnglish = { chooseOne: 'Choose one' } satisfies Partial<Messages>;

/**
 * Pick one option (`type: choice`): a radio group, moved through with the arrow keys, sent
 * with Confirm. Options that did not arrive intact leave a free-text answer. Opt-in:
 * `components={{ challenges: { choice: ChoiceChallenge } }}`.
 */
export function ChoiceChallenge(controls: ChallengeControls) {
  const { challenge, answer, setAnswer, fieldProps, isInvalid, hintProps, errorProps } = controls;
  const { messages } = useAuthUi();
  const options = challenge.type === 'choice' ? challenge.options : [];
  if (options.length === 0) return <TextChallenge {...controls} />;
  return (
    <fieldset
      data-part="choices"
      data-invalid={isInvalid || undefined}
      aria-describedby={`${hintProps.id} ${errorProps.id}`}
    >
      <legend data-part="label">{messages.chooseOne ?? choiceEnglish.chooseOne}</legend>
      {options.map((option, index) => (
        <label key={option.value} data-part="choice">
          <input
            type="radio"
            name={fieldProps.id}
            value={option.value}
            checked={answer === option.value}
            onChange={() => setAnswer(option.value)}
            disabled={fieldProps.disabled}
            // Focus lands on the group; the arrow keys move within it.
            ref={answer === option.value || (!answer && index === 0) ? fieldProps.ref : undefined}
          />
          <bdi>{option.label}</bdi>
        </label>
      ))}
    </fieldset>
  );
}
