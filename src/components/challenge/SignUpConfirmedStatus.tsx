import { useEffect, useState } from 'react';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { useAuthUi } from '../AuthUiContext.tsx';
import { StatusMessage } from '../parts/StatusMessage.tsx';

const selectConfirmed = ({ signUpConfirmed }: CustomAuth) => signUpConfirmed;

/**
 * On the challenge that follows a confirmed sign-up, why it asks for another code: Cognito's
 * custom flow cannot take the confirmation as a sign-in. The live region is in the page before
 * its words, so that they are announced; there is none on other challenges.
 */
export function SignUpConfirmedStatus() {
  const confirmed = useCustomAuth(selectConfirmed);
  const { messages } = useAuthUi();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return confirmed ? <StatusMessage text={mounted ? messages.signUpConfirmed : null} /> : null;
}
