import { createHmac } from 'node:crypto';
import {
  createCustomAuthTriggers,
  createMemoryAttemptStore,
  createMemoryPasskeyStore,
  type PasskeyStore,
  type SignInLimits,
} from '../../triggers/index.ts';
import type { CustomAuthTriggerFlow } from '../../triggers/presets/options.ts';
import { presetTriggers } from '../../triggers/presets/preset-triggers.ts';
import { sendCodeToOutbox } from '../local-aids/outbox-senders.ts';
import { type ChainStepName, chainStep } from './chain-presets.ts';
import type { LambdaHandler, TriggerHandlers } from './trigger-runner.ts';

/**
 * Which variant the built-in triggers run; `either` follows what the client opens with; a
 * list of step names runs that chain (`['password', 'code', 'question']`; `captcha` is the
 * local test CAPTCHA; `codeByChoice` asks email or SMS, then sends the code there;
 * `magicLink` emails a link to a page on this machine, and a code).
 */
export type PoolFlow = CustomAuthTriggerFlow | readonly ChainStepName[];

const isChain = (flow: PoolFlow | undefined): flow is readonly ChainStepName[] =>
  Array.isArray(flow);

/** What the built-in triggers are configured by. */
export interface BuiltInTriggerSettings {
  flow?: PoolFlow;
  /** Another flow for sign-ins through these app clients, by client id. */
  clientFlows?: Readonly<Record<string, PoolFlow>>;
  limits?: Omit<SignInLimits, 'store'>;
}

/** The kit's own triggers, sending codes to the pool's outbox instead of a mail service. */
export function builtInTriggers(
  settings: BuiltInTriggerSettings,
  secret: string,
  passkeys: PasskeyStore = createMemoryPasskeyStore(),
): TriggerHandlers {
  const { flow } = settings;
  // One store for Create and Verify, as one DynamoDB table would be on AWS.
  const limits = { ...settings.limits, store: createMemoryAttemptStore({ secret }) };
  const linkSecret = createHmac('sha256', secret).update('magic-link-key').digest('base64url');
  // The outbox answers at once, so an unknown user's wait need not imitate anything.
  const decoySendDelayMs = 0;
  const triggersFor = (chosen: PoolFlow | undefined): TriggerHandlers =>
    isChain(chosen)
      ? createCustomAuthTriggers({
          steps: chosen.map((name) => chainStep(name, { linkSecret, passkeys })),
          // Step-ups for passkeyManagementHandler, which the pool serves over the same store.
          stepUp: passkeys,
          limits,
          decoySendDelayMs,
        })
      : presetTriggers({ flow: chosen, limits, decoySendDelayMs, sendCode: sendCodeToOutbox });
  const main = triggersFor(flow);
  const byClient = new Map(
    Object.entries(settings.clientFlows ?? {}).map(([clientId, clientFlow]) => [
      clientId,
      triggersFor(clientFlow),
    ]),
  );
  if (byClient.size === 0) return main;
  // As one set of Lambda triggers would on AWS: the app client that started the sign-in
  // picks the chain, and every limit is shared.
  const pick =
    (name: keyof TriggerHandlers): LambdaHandler =>
    (event, context, callback) =>
      (byClient.get(event?.callerContext?.clientId) ?? main)[name](event, context, callback);
  return {
    defineAuthChallenge: pick('defineAuthChallenge'),
    createAuthChallenge: pick('createAuthChallenge'),
    verifyAuthChallengeResponse: pick('verifyAuthChallengeResponse'),
  };
}
