import { useAuthUi } from '../../components/AuthUiContext.tsx';
import { CodeInput } from '../../components/code-input/CodeInput.tsx';
import type { ChallengeControls } from '../../react/index.ts';

/**
 * The answer field of codes and free answers: for a code, one field cleaned as pasted and
 * sent once it has `codeLength` characters; for a text, masked when the trigger says secret.
 */
export function CodeChallenge({
  challenge,
  answer,
  setAnswer,
  submit,
  isInvalid,
  fieldProps,
}: ChallengeControls) {
  const { messages } = useAuthUi();
  const code = challenge.type === 'code';
  // Without a length from the trigger, the answer may be anything: no cutting, no auto-submit.
  const length = (code && challenge.codeLength) || undefined;
  const text = challenge.type === 'text' ? challenge : null;
  return (
    <CodeInput
      label={code ? messages.code : messages.answer}
      value={answer}
      onChange={setAnswer}
      onComplete={submit}
      length={length}
      numeric={length !== undefined}
      secret={text?.secret}
      autoComplete={text ? (text.autocomplete ?? 'off') : undefined}
      part={code ? undefined : 'input'}
      disabled={fieldProps.disabled}
      invalid={isInvalid}
      describedBy={fieldProps['aria-describedby']}
      help={length ? messages.codeHint : undefined}
      inputRef={fieldProps.ref}
    />
  );
}
