import { type ComponentType, useEffect } from 'react';
import { SignInForm } from '../../components/sign-in/SignInForm.tsx';
import type { CustomAuthServices } from '../../machine/services.ts';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import {
  type PasskeyAutofill,
  type PasskeyAutofillOptions,
  passkeyAutofill,
} from './autofill-client.ts';

const select = ({ route, isPending, signIn }: CustomAuth) => ({
  offering: route === 'signIn' && !isPending,
  signIn,
});

/**
 * Offers the user's passkeys in the username field's autofill while the sign-in form shows,
 * and signs in the user whose passkey is picked; for hook users, beside their own form, with
 * `autoComplete="username webauthn"` on its username field. A browser without passkey
 * autofill, or a challenge that does not come, leaves the form as it was.
 */
export function usePasskeyAutofill(autofill: PasskeyAutofill): void {
  // Offered again whenever the form is back (an error, a sign-in it started that failed).
  const { offering, signIn } = useCustomAuth(select);
  useEffect(() => {
    if (!offering) return;
    const request = new AbortController();
    autofill.wait(request.signal).then(
      (username) => username && !request.signal.aborted && signIn({ username }),
      () => {},
    );
    return () => request.abort();
  }, [autofill, offering, signIn]);
}

/** What {@link passkeyAutofillSignIn} gives the drop-in. */
export interface PasskeyAutofillSignIn {
  /** For `services`. */
  services: Partial<CustomAuthServices>;
  /** For `components={{ SignIn }}`: the sign-in form, with passkeys in its autofill. */
  SignIn: ComponentType;
}

/**
 * Sign-in from the username field's autofill for the drop-in, opt-in:
 * `const autofill = passkeyAutofillSignIn({ challengeUrl })`, then
 * `services={autofill.services}` and `components={{ SignIn: autofill.SignIn, challenges: {
 * passkey: passkeyPart } }}`. Call it once, outside render.
 */
export function passkeyAutofillSignIn(options: PasskeyAutofillOptions): PasskeyAutofillSignIn {
  const autofill = passkeyAutofill(options);
  // Made once per call, outside render: the screen closes over this option's autofill.
  // biome-ignore lint/correctness/noComponentHookFactories: called once per option, outside render.
  function SignInWithPasskeyAutofill() {
    usePasskeyAutofill(autofill);
    return <SignInForm />;
  }
  return { services: autofill.services, SignIn: SignInWithPasskeyAutofill };
}
