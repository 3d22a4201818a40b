import type { SnapshotFrom } from 'xstate';
import type { CustomAuthError } from './errors.ts';
import type { CustomAuthMachine } from './machine.ts';
import type {
  AuthUserInfo,
  ChallengeInfo,
  CodeDelivery,
  CustomAuthFlow,
  CustomAuthRoute,
} from './types.ts';

export type CustomAuthSnapshot = SnapshotFrom<CustomAuthMachine>;

/** Everything a UI reads from the statechart; every field keeps its identity until it changes. */
export interface CustomAuthView {
  route: CustomAuthRoute;
  /** True while a request to the backend is in flight; commands sent meanwhile are ignored. */
  isPending: boolean;
  error: CustomAuthError | null;
  username: string;
  challenge: ChallengeInfo | null;
  codeDelivery: CodeDelivery | null;
  user: AuthUserInfo | null;
  /** The variant this provider runs, fixed at mount. */
  flow: CustomAuthFlow;
}

export function routeOf(snapshot: CustomAuthSnapshot): CustomAuthRoute {
  const { value } = snapshot;
  return (typeof value === 'string' ? value : Object.keys(value)[0]) as CustomAuthRoute;
}

export function viewOf(snapshot: CustomAuthSnapshot): CustomAuthView {
  const { context } = snapshot;
  return {
    route: routeOf(snapshot),
    isPending: snapshot.hasTag('pending'),
    error: context.error,
    username: context.username,
    challenge: context.challenge,
    codeDelivery: context.codeDelivery,
    user: context.user,
    flow: context.flow,
  };
}
