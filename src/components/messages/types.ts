import type { CustomAuthErrorCode } from '../../machine/index.ts';

/**
 * Every string the drop-in shows. The opt-in parts' strings (sign-up, choice, CAPTCHA) are
 * optional: `en` leaves them out and each part falls back to its own English (an object
 * exported as `<part>English` from the part's module or a `messages.ts` beside it, where the
 * dictionaries' test finds it), so that apps without the part do not ship its words. `{name}` marks a value filled in at render time.
 * Pass a partial copy as `messages` to change some, or pick a `locale` for all of them.
 */
/**
 * A text for each plural category of the dictionary's language, as `Intl.PluralRules` names
 * them (English: `one`, `other`; Polish adds `few` and `many`; Arabic has all six); `{count}`
 * is the number. `other` is the fallback.
 */
export type PluralText = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Messages {
  /** The language's BCP 47 tag: the drop-in's `lang`, and the plural rules of `PluralText`. */
  lang: string;
  /** `rtl` for a right-to-left language: the drop-in's `dir`. */
  dir?: 'rtl';
  signInTitle: string;
  /** The title of a challenge that is not a code. */
  challengeTitle: string;
  /** The titles of a code challenge: sent by email, by SMS, or not said. */
  emailCodeTitle: string;
  smsCodeTitle: string;
  codeTitle: string;
  /** `{step}` of `{steps}` in a chain of challenges. */
  stepOf: string;
  /** `{username}`, followed by the `notYou` link. */
  signingInAs: string;
  notYou: string;
  /** The sign-in button's label while its request is pending (a spinner beside it). */
  signingIn: string;
  /** Confirm's label while the answer or code is being checked. */
  checking: string;
  /** Sign out's label while signing out. */
  signingOut: string;
  /** Sign-up's button while the account is being created. */
  creatingAccount?: string;
  /** The label of a free-text answer. */
  answer: string;
  /** The label of the options of a choice. */
  chooseOne?: string;
  /** The `local` provider's test CAPTCHA. */
  captchaLocal?: string;
  /** A CAPTCHA whose provider has no widget in this app. */
  captchaUnavailable?: string;
  /** The passkey parts' words (opt-in `passkeyPart`, `passkeyEnrollmentPart`). */
  passkeyTitle?: string;
  /** While the browser's passkey prompt is open. */
  passkeyWaiting?: string;
  /** The prompt was closed, refused or timed out. */
  passkeyCancelled?: string;
  /** A browser without passkeys, and no other way in the step. */
  passkeyUnsupported?: string;
  /** Opens the prompt again. */
  passkeyTryAgain?: string;
  /** Goes on by a code, another alternative of the step. */
  useCodeInstead?: string;
  /** Goes on by another alternative of the step that is not a code. */
  useAnotherWay?: string;
  /** The offer to create a passkey after a code: its title, */
  passkeyEnrollTitle?: string;
  /** why, */
  passkeyEnrollHint?: string;
  /** the button that opens the browser's prompt, */
  passkeyCreate?: string;
  /** and the one that goes on without. */
  passkeySkip?: string;
  /** The passkey manager's words (opt-in `PasskeyManager`): its title, */
  passkeysTitle?: string;
  /** with none, */
  passkeysNone?: string;
  passkeyAdd?: string;
  passkeyRemove?: string;
  /** each passkey's line: `{date}` made, */
  passkeyCreated?: string;
  /** `{date}` last signed in with, */
  passkeyLastUsed?: string;
  /** or never, */
  passkeyNeverUsed?: string;
  /** synced (backed up), */
  passkeySynced?: string;
  /** or bound to the device that made it; */
  passkeyDeviceBound?: string;
  /** the sign-in again before a change (a step-up), */
  passkeyStepUpTitle?: string;
  /** which can be started again after an error, */
  passkeyStepUpAgain?: string;
  /** or given up; */
  passkeyCancel?: string;
  /** and what a change came to. */
  passkeyAdded?: string;
  passkeyRemoved?: string;
  passkeysFailed?: string;
  signUpTitle?: string;
  confirmSignUpTitle: string;
  /**
   * Over the challenge that follows a confirmed sign-up: Cognito's custom flow signs the new
   * account in with a sign-in of its own, so the user is asked for another code.
   */
  signUpConfirmed: string;
  /** Sign-up's password rules, under the field: `{rules}` is the list of the ones below. */
  passwordRules?: string;
  /** The shortest password, `{count}` characters. */
  passwordMinLength?: PluralText;
  passwordUppercase?: string;
  passwordLowercase?: string;
  passwordNumber?: string;
  passwordSymbol?: string;
  loading: string;
  username: string;
  password: string;
  email: string;
  phoneNumber?: string;
  code: string;
  signIn: string;
  confirm: string;
  resendCode: string;
  /** `{seconds}` until a new code may be requested. */
  resendCodeIn: string;
  /** Before resend, on the line under a code's field: "Didn't get it?" */
  didNotGetCode: string;
  /** After a choice of channel: a new code by email instead. */
  sendByEmail: string;
  /** After a choice of channel: a new code by SMS instead. */
  sendBySms: string;
  createAccount?: string;
  signOut: string;
  goToSignUp: string;
  goToSignIn?: string;
  backToSignIn: string;
  /** `{username}` */
  signedInAs: string;
  /** The button of a choice that picks where a code goes. */
  sendCode: string;
  /** `{destination}`, masked by the trigger or Cognito. */
  codeSentTo: string;
  /** Wrong answers left, `{count}`. */
  attemptsLeft: PluralText;
  /** `{time}` as m:ss */
  expiresIn: string;
  /** `{field}` is the field's label. */
  optionalField?: string;
  /** `{field}` is the field's label. */
  fieldRequired?: string;
  codeHint: string;
  codeResent: string;
  /** A wrong code; `errors.WrongAnswer` words a wrong answer of any other type. */
  wrongCode: string;
  /** An error about the answer, `{error}`, and the attempts left, `{attempts}`, as one sentence. */
  errorWithAttempts: string;
  /** Said (not shown) when a new code may be asked for. */
  resendReady: string;
  /** The challenge ran out of time: a new sign-in for the same user is what is left. */
  challengeExpired: string;
  /** Starts that new sign-in, for a code, */
  sendNewCode: string;
  /** and for any other challenge. */
  startAgain: string;
  /**
   * A sign-in link that another browser asked for: whether to sign in to the account it
   * names; `{destination}` is where it was mailed, masked.
   */
  linkConfirmation: string;
  /** Beside it: why the question, and when to say no. */
  linkConfirmationHint: string;
  continue: string;
  cancel: string;
  errors: Record<CustomAuthErrorCode, string>;
}

/** A partial `Messages`, errors included. */
export type MessageOverrides = Partial<Omit<Messages, 'errors'>> & {
  errors?: Partial<Messages['errors']>;
};
