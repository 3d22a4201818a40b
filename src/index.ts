'use client';

export * from './components/index.ts';
export type {
  AuthUserInfo,
  CaptchaChallengeInfo,
  ChallengeInfo,
  ChallengeOption,
  ChoiceChallengeInfo,
  CodeChallengeInfo,
  CodeDelivery,
  CustomAuthError,
  CustomAuthErrorCode,
  CustomAuthFlow,
  CustomAuthInput,
  CustomAuthRoute,
  CustomAuthServices,
  CustomAuthTiming,
  CustomAuthView,
  CustomChallengeInfo,
  TextChallengeInfo,
} from './machine/index.ts';
export { amplifySignUp, type SignInLinkOptions, signInLinks } from './machine/index.ts';

export * from './react/index.ts';
