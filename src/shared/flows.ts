/**
 * Which custom-auth variant runs, by the name the statechart, the triggers and the local pool
 * all use: `passwordless` (a one-time code only, Amplify's `CUSTOM_WITHOUT_SRP`) or
 * `passwordThenCode` (the password by SRP, then a code, `CUSTOM_WITH_SRP`).
 */
export type CustomAuthFlow = 'passwordless' | 'passwordThenCode';

export const customAuthFlows: readonly CustomAuthFlow[] = ['passwordless', 'passwordThenCode'];
