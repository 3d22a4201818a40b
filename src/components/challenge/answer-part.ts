import type { ComponentType } from 'react';
import type { ChallengeInfo } from '../../machine/index.ts';
import type { ChallengeControls } from '../../react/index.ts';
import type { Messages } from '../messages/index.ts';

/**
 * An answer part and what the challenge frame needs to know about it. The frame asks the part
 * (a Confirm button or not, the title, a line saying where the challenge went) instead of
 * switching on the type's name, so that a type of an app's own, or a replacement for a
 * built-in one, needs no change to the kit. Every setting is optional: without them the part
 * is a field under the frame's default title, sent with its Confirm button. The settings
 * that read the challenge are methods, so that a part may take its own type's fields
 * (`{ deliveryMedium }: CodeChallengeInfo`): it is asked only about the names it is
 * registered for.
 */
export interface AnswerPart {
  /**
   * Renders the answer. Inside the frame it renders its fields only, never a `<form>` (the
   * frame's form submits), spreads `fieldProps` on its input, and sets the answer with
   * `setAnswer` or sends one with `submit(value)`.
   */
  Answer: ComponentType<ChallengeControls>;
  /**
   * The part answers by itself with `submit(value)` (a widget's token, a security key's
   * signature), so the frame shows no Confirm button: one would send an empty answer.
   */
  submitsItself?: boolean;
  /**
   * The screen's title, for a type that can say more than `messages.challengeTitle`
   * ("Check your phone" for a code sent by SMS).
   */
  title?(messages: Messages, challenge: ChallengeInfo): string;
  /**
   * The line under who is signing in that says where the challenge went ("We sent a code to
   * a***@e***.com."), or null for none: the frame shows it, so a part that replaces the
   * built-in one for its type keeps it.
   */
  sentTo?(messages: Messages, challenge: ChallengeInfo): string | null;
  /**
   * The Confirm button's text, when the part can name what sending does ("Send code" for a
   * choice of where a code goes); without it, `messages.confirm`.
   */
  submitLabel?(messages: Messages, challenge: ChallengeInfo): string;
  /**
   * The part is the whole screen, with no frame around it: it renders its own `<form>`, title
   * and buttons. For a round that asks something other than an answer (whose account a
   * sign-in link opens: Continue or Cancel), where the frame's lines would not fit.
   */
  ownsScreen?: boolean;
}

/**
 * What an app registers for a type name: an answer part, or a bare component as its `Answer`.
 * Either keeps the kit's settings for a built-in name (a code's title, no Confirm for a
 * CAPTCHA); a part's own settings win over them.
 */
export type AnswerPartOption = AnswerPart | ComponentType<ChallengeControls>;
