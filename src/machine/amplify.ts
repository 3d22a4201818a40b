import {
  autoSignIn,
  confirmSignIn,
  confirmSignUp,
  getCurrentUser,
  resendSignUpCode,
  type SignInOutput,
  signIn,
  signOut,
} from '@aws-amplify/auth';
import { Hub } from '@aws-amplify/core';
import { protocolOf } from '../challenges/protocols.ts';
import { isErrorNamed } from './errors.ts';
import { loadPendingChallenge, savePendingChallenge } from './pending-challenge.ts';
import { storedToResume } from './resume.ts';
import type { ClientAnswerRequest, CustomAuthServices } from './services.ts';
import type { AuthUserInfo, CustomAuthFlow, SignInStep } from './types.ts';

/** A call the app did not opt in to: says which option brings it. */
const notEnabled = (name: string, option: string) => async (): Promise<never> => {
  throw Object.assign(new Error(`Not enabled: pass ${option}.`), { name });
};

/** No type's client answer is built in: each says what brings it. */
const noClientAnswer = ({ challenge }: ClientAnswerRequest) => {
  const { name, option } = protocolOf(challenge.name)?.clientAnswerNotEnabled ?? {
    name: 'ClientAnswerNotEnabled',
    option: `an answerOnClient service for ${challenge.name}`,
  };
  return notEnabled(name, option)();
};

export function authFlowType(flow: CustomAuthFlow) {
  return flow === 'passwordless' ? 'CUSTOM_WITHOUT_SRP' : 'CUSTOM_WITH_SRP';
}

async function currentUser(): Promise<AuthUserInfo | null> {
  try {
    const { username, userId } = await getCurrentUser();
    return { username, userId };
  } catch (error) {
    if (isErrorNamed(error, 'UserUnAuthenticatedException')) return null;
    throw error;
  }
}

/**
 * Amplify keeps its tokens in localStorage, which every tab shares, and writes a clock drift
 * last on sign-in and removes it with the tokens on sign-out.
 */
function listenForOtherTabs(onChange: (user: AuthUserInfo | null) => void) {
  const listener = ({ key }: StorageEvent) => {
    // A null key is a storage cleared as a whole.
    if (key === null || key.endsWith('.clockDrift'))
      currentUser().then(onChange, () => onChange(null));
  };
  addEventListener('storage', listener);
  return () => removeEventListener('storage', listener);
}

async function requireCurrentUser(): Promise<AuthUserInfo> {
  const user = await currentUser();
  if (!user) throw new Error('Signed in, but no current user could be read.');
  return user;
}

export async function toSignInStep(output: SignInOutput): Promise<SignInStep> {
  const { nextStep } = output;
  switch (nextStep.signInStep) {
    case 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE':
      return { type: 'customChallenge', parameters: { ...nextStep.additionalInfo } };
    case 'CONFIRM_SIGN_UP':
      return { type: 'confirmSignUp' };
    case 'DONE':
      return { type: 'done', user: await requireCurrentUser() };
    default:
      return { type: 'unsupported', signInStep: nextStep.signInStep };
  }
}

/** The services every statechart uses unless given others: Amplify Auth v6 and sessionStorage. */
export const amplifyServices: CustomAuthServices = {
  getCurrentUser: currentUser,
  signIn: async ({ username, password, flow }) =>
    toSignInStep(
      await signIn({
        username,
        password: flow === 'passwordThenCode' ? password : undefined,
        options: { authFlowType: authFlowType(flow) },
      }),
    ),
  confirmSignIn: async (answer, clientMetadata) =>
    toSignInStep(
      await confirmSignIn({
        challengeResponse: answer,
        ...(clientMetadata ? { options: { clientMetadata } } : {}),
      }),
    ),
  // Opt-in, so that apps without them do not ship Amplify's sign-up code or link handling.
  signUp: notEnabled('SignUpNotEnabled', 'signUp={signUpWithAmplify} or amplifySignUp'),
  confirmSignUp: async ({ username, code }) => {
    const { nextStep } = await confirmSignUp({ username, confirmationCode: code });
    return { type: nextStep.signUpStep === 'COMPLETE_AUTO_SIGN_IN' ? 'autoSignIn' : 'done' };
  },
  resendSignUpCode: async (username) => ({ ...(await resendSignUpCode({ username })) }),
  autoSignIn: async () => toSignInStep(await autoSignIn()),
  signOut: () => signOut(),
  listenForSignOut: (onSignedOut) =>
    Hub.listen('auth', ({ payload }) => {
      if (payload.event === 'signedOut') onSignedOut();
    }),
  listenForOtherTabs,
  answerOnClient: noClientAnswer,
  savePendingChallenge,
  loadPendingChallenge,
  mayResume: storedToResume,
};
