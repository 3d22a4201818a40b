import { signUp } from '@aws-amplify/auth';
import { authFlowType } from './amplify.ts';
import { generatePassword } from './password.ts';
import type { CustomAuthServices } from './services.ts';

/**
 * Registers a user with Amplify's `signUp`, signing in automatically after confirmation
 * with the same custom flow. Opt-in: pass it as the `signUp` service, or use the drop-in's
 * `signUp={signUpWithAmplify}`.
 */
export const amplifySignUp: CustomAuthServices['signUp'] = async ({
  username,
  password,
  attributes,
  flow,
}) => {
  const { nextStep } = await signUp({
    username,
    password: password ?? generatePassword(),
    options: { userAttributes: attributes, autoSignIn: { authFlowType: authFlowType(flow) } },
  });
  if (nextStep.signUpStep === 'CONFIRM_SIGN_UP') {
    return { type: 'confirmSignUp', codeDelivery: { ...nextStep.codeDeliveryDetails } };
  }
  return { type: nextStep.signUpStep === 'COMPLETE_AUTO_SIGN_IN' ? 'autoSignIn' : 'done' };
};
