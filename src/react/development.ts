import type { CustomAuthView } from '../machine/index.ts';

const said = new Set<string>();

/**
 * A console warning (or error), once per text. Call it behind a `process.env.NODE_ENV` check
 * written out at the call site, which bundlers fold away in production builds, taking this along.
 */
export function warnOnce(text: string, level: 'warn' | 'error' = 'warn'): void {
  if (said.has(text)) return;
  said.add(text);
  console[level](`cognito-custom-auth: ${text}`);
}

const boilerplateSection = 'See "Coming from the Amplify CLI boilerplate" in docs/triggers.md.';

/** The change that lets a passwordless boilerplate Define accept the empty start as well. */
const twoLines = `Let the Define accept an empty session as the start by changing two lines:
  if (event.request.session.length == 0 || (event.request.session.length == 1 && event.request.session[0].challengeName == 'SRP_A')) {
  } else if (event.request.session.at(-1).challengeName == 'CUSTOM_CHALLENGE' && event.request.session.at(-1).challengeResult == true) {
`;

/** What the developer can do about `DefineExpectsSrpA`, by the flow that met it. */
export const defineExpectsSrpAHelp = {
  passwordless: `Cognito failed the passwordless start: your DefineAuthChallenge failed a session with no entries. It expects every sign-in to open with SRP_A, as the Amplify CLI boilerplate's does, but flow="passwordless" signs in with CUSTOM_WITHOUT_SRP, which sends none. ${twoLines} A Define that checks a password first (PASSWORD_VERIFIER after SRP_A) needs flow="passwordThenCode" instead. ${boilerplateSection}`,
  passwordThenCode: `Amplify failed with EmptyUserIdForSRPException: your DefineAuthChallenge answered SRP_A with CUSTOM_CHALLENGE. flow="passwordThenCode" signs in with CUSTOM_WITH_SRP, and Amplify JS always takes the answer to SRP_A as the password step (PASSWORD_VERIFIER). To check a password as well, answer SRP_A with PASSWORD_VERIFIER. For a passwordless Define (the Amplify CLI boilerplate's), use flow="passwordless". ${twoLines} ${boilerplateSection}`,
};

/** Tells the developer, once, when the triggers expect a start the client does not make. */
export function explainSetupError({ error, flow }: CustomAuthView): void {
  if (error?.code === 'DefineExpectsSrpA') warnOnce(defineExpectsSrpAHelp[flow], 'error');
}

/** The names of the fields whose values differ. */
function changedKeys<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T & string>;
  return [...keys].filter((key) => !Object.is(before[key], after[key]));
}

/** A provider reads its input once: say so when the app changes it later. */
export function warnOfChangedInput<T extends object>(mounted: T, current: T): void {
  const changed = changedKeys(mounted, current);
  if (changed.length === 0) return;
  warnOnce(
    `CustomAuthProvider reads ${changed.join(', ')} once, when it mounts; the change was ignored. Give it a new key to start over with the new value.`,
  );
}

/** A drop-in inside a provider uses the provider's statechart: say which props that leaves unused. */
export function warnOfIgnoredProps(props: Record<string, unknown>): void {
  const ignored = Object.keys(props).filter((name) => props[name] !== undefined);
  if (ignored.length === 0) return;
  warnOnce(
    `<CustomAuthenticator> inside <CustomAuthProvider> ignores ${ignored.join(', ')}: the provider runs the statechart, so set them there (sign-up's service as services.signUp).`,
  );
}
