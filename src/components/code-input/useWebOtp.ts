import { useEffect } from 'react';

/** What `navigator.credentials.get({ otp })` resolves to (the WebOTP API). */
interface OtpCredential {
  code?: string;
}

/**
 * While `enabled`, asks the browser for the code of a text message that ends with this page's
 * origin-bound line (`@host #123456`, the WebOTP API, Chrome on Android), and hands it to
 * `onCode`. Browsers without the API, a user who declines, and leaving the round (`key`)
 * all end it quietly: the field takes the code as typed or pasted.
 */
export function useWebOtp(enabled: boolean, key: unknown, onCode: (code: string) => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per code sent (`key`), not per render's new `onCode`.
  useEffect(() => {
    if (!enabled || !('OTPCredential' in window)) return;
    const request = new AbortController();
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: request.signal } as CredentialRequestOptions)
      .then(
        (credential) => {
          const { code } = (credential ?? {}) as OtpCredential;
          if (code) onCode(code);
        },
        () => {},
      );
    return () => request.abort();
  }, [enabled, key]);
}
