import {
  type CaptchaChallengeInfo,
  captchaParameterRows,
  captchaProtocol,
} from './captcha/protocol.ts';
import {
  type ChoiceChallengeInfo,
  choiceParameterRows,
  choiceProtocol,
} from './choice/protocol.ts';
import { type CodeChallengeInfo, codeParameterRows, codeProtocol } from './code/protocol.ts';
import {
  type LinkConfirmationInfo,
  linkConfirmationProtocol,
  magicLinkParameterRows,
  magicLinkProtocol,
} from './magic-link/protocol.ts';
import type {
  ChallengeBase,
  ChallengeParameters,
  ChallengeProtocol,
  CustomChallengeInfo,
  OwnFields,
  ParameterRow,
} from './protocol.ts';
import { commonParameters } from './protocol.ts';
import { type TextChallengeInfo, textParameterRows, textProtocol } from './text/protocol.ts';

/**
 * The challenge types the kit's client knows, by the `type` parameter's value. A new built-in
 * type adds its protocol here; everything on the client finds it through this map.
 */
export const challengeProtocols = {
  code: codeProtocol,
  text: textProtocol,
  choice: choiceProtocol,
  captcha: captchaProtocol,
  magicLink: magicLinkProtocol,
  linkConfirmation: linkConfirmationProtocol,
};

/**
 * The challenge in progress: what the Create Auth Challenge trigger sent, typed by its
 * `type` parameter, and its clocks.
 */
export type ChallengeInfo =
  | CodeChallengeInfo
  | TextChallengeInfo
  | ChoiceChallengeInfo
  | CaptchaChallengeInfo
  | CustomChallengeInfo
  | LinkConfirmationInfo;

/** The type's name: the `type` parameter, or what a trigger that sends none means. */
export const challengeName = (parameters: ChallengeParameters) =>
  parameters.type ?? (parameters.codeLength ? 'code' : 'text');

/** The protocol of the challenge's type; none for a type of the app's own. */
export const protocolOf = (name: string): ChallengeProtocol<ChallengeBase> | undefined =>
  // Own keys only: a type named `constructor` must not find Object's.
  Object.hasOwn(challengeProtocols, name)
    ? (challengeProtocols[
        name as keyof typeof challengeProtocols
      ] as ChallengeProtocol<ChallengeBase>)
    : undefined;

/** The type's own fields: as its protocol reads them, or none for an app's own. */
export const ownFields = (parameters: ChallengeParameters) =>
  (protocolOf(challengeName(parameters))?.read(parameters) ?? {
    type: 'custom',
  }) as OwnFields<ChallengeInfo>;

/** The wire protocol's public parameters, every type's, for the table in docs/challenges.md. */
export const parameterTable = (): readonly ParameterRow[] => [
  ...commonParameters,
  ...codeParameterRows,
  ...textParameterRows,
  ...choiceParameterRows,
  ...captchaParameterRows,
  ...magicLinkParameterRows,
];
