import { useAuthUi } from '../../components/AuthUiContext.tsx';
import type { AnswerPart } from '../../components/challenge/answer-part.ts';
import { CodeInput } from '../../components/code-input/CodeInput.tsx';
import { useWebOtp } from '../../components/code-input/useWebOtp.ts';
import { format } from '../../components/messages/index.ts';
import type { ChallengeControls } from '../../react/index.ts';
import type { CodeChallengeInfo } from './protocol.ts';

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
      // The error takes the help's place, so that it is the line right under the field.
      help={length && !isInvalid ? messages.codeHint : undefined}
      inputRef={fieldProps.ref}
    />
  );
}

/**
 * Codes (`code`, and `magicLink` once its email is out, which the client reads as a code):
 * titled by where the code went, which the frame also says.
 */
export const codePart: AnswerPart = {
  Answer: CodeChallenge,
  title: (messages, { deliveryMedium }: CodeChallengeInfo) => {
    if (deliveryMedium === 'SMS') return messages.smsCodeTitle;
    return deliveryMedium === 'EMAIL' ? messages.emailCodeTitle : messages.codeTitle;
  },
  sentTo: (messages, { destination }: CodeChallengeInfo) =>
    destination ? format(messages.codeSentTo, { destination }) : null,
};

/**
 * `CodeChallenge`, with a code by SMS filled in and sent from the text message itself where
 * the browser can (the WebOTP API, Chrome on Android), for triggers that write the message's
 * origin-bound line (`codeStep({ webOtpDomain })`); typed or pasted as ever elsewhere. A new
 * code (a resend) is asked for again. Opt-in, so that apps without it do not bundle it:
 * `components={{ challenges: { code: WebOtpCodeChallenge } }}`.
 */
export function WebOtpCodeChallenge(controls: ChallengeControls) {
  const { challenge, setAnswer, submit } = controls;
  useWebOtp(
    challenge.type === 'code' && challenge.deliveryMedium === 'SMS',
    challenge.resendAvailableAt,
    (code) => {
      setAnswer(code);
      submit(code);
    },
  );
  return <CodeChallenge {...controls} />;
}
