/**
 * The public challenge parameters of the kit's code step, all strings since Cognito passes
 * only strings. They reach the client as Amplify's `nextStep.additionalInfo`.
 */
export interface CustomChallengeParameters {
  /** `code`. */
  type: string;
  /** Text for the user, when the triggers were given one. */
  hint?: string;
  /** Where the code went, masked: `a***@e***.com` or `+*******1234`. */
  destination: string;
  /** `EMAIL` or `SMS`. */
  deliveryMedium: string;
  /** Digits in the code. */
  codeLength: string;
  /** Answers left including the one about to be given. */
  attemptsLeft: string;
  /** Position in the chain: "2" of "2" after the password. */
  step: string;
  steps: string;
}

/** The private challenge parameters Verify receives. */
export interface CustomChallengePrivateParameters {
  answer: string;
  /** The step of the chain the round belongs to. */
  step: string;
}
