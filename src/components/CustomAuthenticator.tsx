import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { AuthUserInfo } from '../machine/index.ts';
import { useHasCustomAuthProvider } from '../react/CustomAuthProvider.tsx';
import { warnOfIgnoredProps } from '../react/development.ts';
import {
  type CustomAuth,
  CustomAuthProvider,
  type CustomAuthProviderProps,
  useCustomAuth,
} from '../react/index.ts';
import { AuthUiProvider, type AuthUiSettings, type SignUpAttribute } from './AuthUiContext.tsx';
import { type Locale, type MessageOverrides, resolveMessages } from './messages/index.ts';
import { type AuthenticatorComponents, defaultScreens, screenForRoute } from './screens.ts';
import type { PasswordPolicy } from './sign-up/passwordPolicy.ts';
import type { SignUpOption } from './sign-up/signUpWithAmplify.ts';
import { useAuthEvents } from './useAuthEvents.ts';

export interface SignedInRenderProps {
  user: AuthUserInfo;
  signOut: () => void;
}

/**
 * Inside a `CustomAuthProvider` the statechart is the provider's: these props of the drop-in
 * (flow, timing, initial route, services, sign-up's service) are the provider's to set.
 */
export interface CustomAuthenticatorProps extends Omit<CustomAuthProviderProps, 'children'> {
  /**
   * Offer sign-up: `signUpWithAmplify`, or your own screen and call. Without it (or with
   * `hideSignUp`) the drop-in only signs users in.
   */
  signUp?: SignUpOption;
  hideSignUp?: boolean;
  /** Attributes asked at sign-up; strings are required ones. Default `['email']`. */
  signUpAttributes?: readonly SignUpAttribute[];
  /** Ask for a password at sign-up. Default: only in the passwordThenCode flow. */
  signUpPassword?: boolean;
  /**
   * The pool's password rules: worded under sign-up's password field, and checked before
   * the request. Default: Cognito's default policy (8 characters, upper and lower case, a
   * number, a symbol). Amplify's configuration holds the pool's:
   * `Amplify.getConfig().Auth?.Cognito.passwordFormat`.
   */
  passwordPolicy?: PasswordPolicy;
  /** The dictionary to start from: `en` (default), `es`, or your own complete `Messages`. */
  locale?: Locale;
  /** Replaces any of the strings, errors included. */
  messages?: MessageOverrides;
  /** Replaces the header, the footer, a whole screen, or a challenge type's answer part. */
  components?: Partial<AuthenticatorComponents>;
  className?: string;
  /** Force a colour scheme; by default it follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';
  onSignIn?: (user: AuthUserInfo) => void;
  onSignOut?: () => void;
  /** Shown once signed in; a function receives the user and signOut. */
  children?: ReactNode | ((props: SignedInRenderProps) => ReactNode);
}

const selectRoute = ({ route }: CustomAuth) => route;
const selectSignedIn = ({ user, signOut }: CustomAuth) => ({ user, signOut });

function SignedInChildren({ render }: { render: (props: SignedInRenderProps) => ReactNode }) {
  const { user, signOut } = useCustomAuth(selectSignedIn);
  return user ? render({ user, signOut }) : null;
}

/** Sign-up is offered when a screen for it is given and not hidden. */
const offersSignUp = (props: CustomAuthenticatorProps) =>
  !props.hideSignUp && Boolean(props.components?.SignUp ?? props.signUp?.Screen);

function AuthenticatorScreens(props: CustomAuthenticatorProps) {
  const { children, components, className, theme, onSignIn, onSignOut } = props;
  const route = useCustomAuth(selectRoute);
  const screens = { ...defaultScreens, SignUp: props.signUp?.Screen, ...components };
  const { messages, signUpAttributes, signUpPassword, passwordPolicy, locale } = props;
  const noSignUp = !offersSignUp(props);
  const root = useRef<HTMLDivElement>(null);
  // After a sign-in on the page the form that held focus is gone, and focus would fall to the
  // page's body: it goes to the signed-in screen's element that takes it from script (the
  // default view's heading), which screen readers read out. A session found at start-up is
  // no sign-in here, and focus stays where the page put it.
  const signedInHere = useRef(false);
  useAuthEvents((user) => {
    signedInHere.current = true;
    onSignIn?.(user);
  }, onSignOut);
  useEffect(() => {
    if (route === 'signedIn' && signedInHere.current) {
      root.current?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
    }
  }, [route]);
  const settings = useMemo<AuthUiSettings>(
    () => ({
      messages: resolveMessages(locale, messages),
      hideSignUp: noSignUp,
      signUpAttributes: signUpAttributes ?? ['email'],
      signUpPassword,
      passwordPolicy,
      challenges: components?.challenges ?? {},
    }),
    [
      locale,
      messages,
      noSignUp,
      signUpAttributes,
      signUpPassword,
      passwordPolicy,
      components?.challenges,
    ],
  );
  if (route === 'signedIn' && children !== undefined) {
    return typeof children === 'function' ? <SignedInChildren render={children} /> : children;
  }
  const { Header, Footer } = screens;
  const Screen = route === 'initializing' ? null : screens[screenForRoute[route]];
  return (
    <AuthUiProvider value={settings}>
      <div
        ref={root}
        className={['cca-root', className].filter(Boolean).join(' ')}
        data-part="root"
        lang={settings.messages.lang}
        dir={settings.messages.dir}
        data-route={route}
        data-theme={theme}
      >
        {Header && <Header />}
        {Screen ? (
          <Screen />
        ) : (
          <p data-part="loading" role="status">
            {settings.messages.loading}
          </p>
        )}
        {Footer && <Footer />}
      </div>
    </AuthUiProvider>
  );
}

/**
 * The drop-in: sign-up, confirmation and custom-challenge sign-in until the user is signed
 * in, then its children. Uses an enclosing CustomAuthProvider, or runs its own.
 */
export function CustomAuthenticator(props: CustomAuthenticatorProps) {
  const enclosed = useHasCustomAuthProvider();
  const screens = <AuthenticatorScreens {...props} />;
  const { flow, sessionValidityMs, expiryMarginMs, resendCooldownMs, callTimeoutMs } = props;
  const { signUp, initialRoute } = props;
  const providerProps = {
    flow,
    sessionValidityMs,
    expiryMarginMs,
    resendCooldownMs,
    callTimeoutMs,
    initialRoute,
  };
  if (enclosed) {
    if (typeof process !== 'undefined' && process.env.NODE_ENV !== 'production') {
      warnOfIgnoredProps({ ...providerProps, services: props.services, signUp });
    }
    return screens;
  }
  const services = signUp ? { signUp: signUp.service, ...props.services } : props.services;
  return (
    <CustomAuthProvider
      {...providerProps}
      initialRoute={offersSignUp(props) ? initialRoute : undefined}
      services={services}
    >
      {screens}
    </CustomAuthProvider>
  );
}
