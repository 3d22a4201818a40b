'use client';

export * from './components/index.ts';
export type {
  AuthUserInfo,
  ChallengeInfo,
  CodeDelivery,
  CustomAuthError,
  CustomAuthErrorCode,
  CustomAuthFlow,
  CustomAuthInput,
  CustomAuthRoute,
  CustomAuthServices,
  CustomAuthTiming,
  CustomAuthView,
} from './machine/index.ts';
export { defaultErrorMessages } from './machine/index.ts';
export * from './react/index.ts';
