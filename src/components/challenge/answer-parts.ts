import { type ChoiceChallengeInfo, DELIVERY_PURPOSE } from '../../challenges/choice/protocol.ts';
import { codePart } from '../../challenges/code/CodeChallenge.tsx';
import { linkConfirmationPart } from '../../challenges/magic-link/LinkConfirmation.tsx';
import { textPart } from '../../challenges/text/TextChallenge.tsx';
import type { AnswerPart, AnswerPartOption } from './answer-part.ts';

/**
 * What the kit knows of a type, by its name: the default parts whole (`text` is the free-text
 * part every name gets that has none), and for the opt-in types only the frame's settings,
 * which apply to whatever the app registers under the name (a wrapper of `CaptchaChallenge`
 * too), or to the free-text part when it registers nothing. Their parts stay out of here, so
 * that apps that do not register them do not bundle them.
 */
const builtIn: Readonly<Record<string, Partial<AnswerPart>>> = {
  code: codePart,
  magicLink: codePart,
  linkConfirmation: linkConfirmationPart,
  captcha: { submitsItself: true },
  choice: {
    submitLabel: (messages, { purpose }: ChoiceChallengeInfo) =>
      purpose === DELIVERY_PURPOSE ? messages.sendCode : messages.continue,
  },
};

/**
 * The answer part for a type name: the app's part (a bare component is its `Answer`) over the
 * kit's settings for the name, over the free-text part, which every type gets that has no
 * part of its own.
 */
export function answerPartFor(
  name: string,
  registered: Readonly<Record<string, AnswerPartOption>>,
): AnswerPart {
  // Own keys only: a type named `constructor` must not find Object's. (What `builtIn`
  // inherits spreads as nothing.)
  const app = Object.hasOwn(registered, name) && registered[name];
  return {
    ...textPart,
    ...builtIn[name],
    ...(app && ('Answer' in app ? app : { Answer: app })),
  };
}
