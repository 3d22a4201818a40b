import {
  createCreateAuthChallenge,
  createDefineAuthChallenge,
  createMemoryAttemptStore,
  createVerifyAuthChallengeResponse,
  type SignInLimits,
} from '../triggers/index.ts';
import type { LocalLog, OutboxEntry } from './local-log.ts';
import type { LambdaHandler, TriggerHandlers } from './trigger-runner.ts';

/** Which variant the built-in triggers run; `either` follows what the client opens with. */
export type PoolFlow = 'passwordless' | 'passwordThenCode' | 'either';

/** What the built-in triggers are configured by. */
export interface BuiltInTriggerSettings {
  flow?: PoolFlow;
  limits?: Omit<SignInLimits, 'store'>;
}

function defineFor(flow: PoolFlow | undefined): LambdaHandler {
  if (flow !== 'either') return createDefineAuthChallenge({ flow });
  const passwordless = createDefineAuthChallenge({ flow: 'passwordless' });
  const passwordThenCode = createDefineAuthChallenge({ flow: 'passwordThenCode' });
  return (event: Parameters<typeof passwordless>[0]) =>
    event.request.session[0]?.challengeName === 'SRP_A'
      ? passwordThenCode(event)
      : passwordless(event);
}

/** The kit's own triggers, sending codes to the pool's outbox instead of a mail service. */
export function builtInTriggers(
  settings: BuiltInTriggerSettings,
  outbox: LocalLog<OutboxEntry>,
  log: (line: string) => void,
  secret: string,
): TriggerHandlers {
  const { flow } = settings;
  // One store for Create and Verify, as one DynamoDB table would be on AWS.
  const shared = {
    flow: flow === 'either' ? undefined : flow,
    limits: { ...settings.limits, store: createMemoryAttemptStore({ secret }) },
  };
  return {
    defineAuthChallenge: defineFor(flow),
    createAuthChallenge: createCreateAuthChallenge({
      ...shared,
      // The outbox answers at once, so an unknown user's wait need not imitate anything.
      decoySendDelayMs: 0,
      sendCode: async ({ destination, code, event }) => {
        outbox.add({
          username: event.userName,
          destination,
          kind: 'challenge',
          code,
          time: new Date().toISOString(),
        });
        log(`sign-in code for ${event.userName} (${destination}): ${code}`);
      },
    }),
    verifyAuthChallengeResponse: createVerifyAuthChallengeResponse(shared),
  };
}
