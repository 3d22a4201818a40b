import { createHmac } from 'node:crypto';
import { answersMatch } from '../../triggers/common/answers.ts';
import {
  type ChainStep,
  captchaStep,
  codeStep,
  createCustomAuthTriggers,
  createMemoryAttemptStore,
  magicLinkStep,
  passwordStep,
  questionStep,
  type SignInLimits,
} from '../../triggers/index.ts';
import type { CustomAuthTriggerFlow } from '../../triggers/presets/options.ts';
import { presetTriggers } from '../../triggers/presets/preset-triggers.ts';
import { sendCodeToOutbox, sendLinkToOutbox } from '../local-aids/outbox-senders.ts';
import type { LambdaHandler, TriggerHandlers } from './trigger-runner.ts';

/** The steps a pool's chain can be made of, by name. */
export const chainStepNames = [
  'password',
  'code',
  'codeByChoice',
  'question',
  'captcha',
  'magicLink',
] as const;
export type ChainStepName = (typeof chainStepNames)[number];

/**
 * Which variant the built-in triggers run; `either` follows what the client opens with; a
 * list of step names runs that chain (`['password', 'code', 'question']`; `captcha` is the
 * local test CAPTCHA; `codeByChoice` asks email or SMS, then sends the code there;
 * `magicLink` emails a link to a page on this machine, and a code).
 */
export type PoolFlow = CustomAuthTriggerFlow | readonly ChainStepName[];

const isChain = (flow: PoolFlow | undefined): flow is readonly ChainStepName[] =>
  Array.isArray(flow);

/**
 * A question any user of the pool can answer without setup: the email address on the
 * account, which only the user (and the pool) should know in full.
 */
const emailQuestion = questionStep({
  question: 'What is the email address on this account?',
  verify: ({ answer, userAttributes }) =>
    answersMatch(answer.trim().toLowerCase(), (userAttributes.email ?? '').toLowerCase()) &&
    Boolean(userAttributes.email),
});

/** Links from a pool open pages on the developer's machine only, on any port. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopbackPage = (page: URL) => loopbackHosts.has(page.hostname);

/**
 * One step of a chain, sending to the pool's outbox. `linkSecret`: the pool's own link key, so
 * that links survive restarts with the data.
 */
function chainStep(name: ChainStepName, linkSecret: string): ChainStep {
  switch (name) {
    case 'password':
      return passwordStep();
    case 'code':
      return codeStep({ sendCode: sendCodeToOutbox });
    case 'codeByChoice':
      // Two steps: which channel (email or SMS), then the code by it.
      return codeStep({ sendCode: sendCodeToOutbox, deliver: 'choice' });
    case 'question':
      return emailQuestion;
    case 'captcha':
      // The built-in test widget: no network, no keys.
      return captchaStep({ provider: 'local', siteKey: 'local' });
    case 'magicLink':
      return magicLinkStep({
        redirectUris: isLoopbackPage,
        sendLink: sendLinkToOutbox,
        keys: [{ id: 'local', secret: linkSecret }],
      });
    default:
      // Options from code reach here unchecked, unlike the command line's.
      throw new TypeError(
        `Unknown chain step ${JSON.stringify(name)}: use ${chainStepNames.join(', ')}.`,
      );
  }
}

/** What the built-in triggers are configured by. */
export interface BuiltInTriggerSettings {
  flow?: PoolFlow;
  /** Another flow for sign-ins through these app clients, by client id. */
  clientFlows?: Readonly<Record<string, PoolFlow>>;
  limits?: Omit<SignInLimits, 'store'>;
}

/** The kit's own triggers, sending codes to the pool's outbox instead of a mail service. */
export function builtInTriggers(settings: BuiltInTriggerSettings, secret: string): TriggerHandlers {
  const { flow } = settings;
  // One store for Create and Verify, as one DynamoDB table would be on AWS.
  const limits = { ...settings.limits, store: createMemoryAttemptStore({ secret }) };
  const linkSecret = createHmac('sha256', secret).update('magic-link-key').digest('base64url');
  // The outbox answers at once, so an unknown user's wait need not imitate anything.
  const decoySendDelayMs = 0;
  const triggersFor = (chosen: PoolFlow | undefined): TriggerHandlers =>
    isChain(chosen)
      ? createCustomAuthTriggers({
          steps: chosen.map((name) => chainStep(name, linkSecret)),
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
