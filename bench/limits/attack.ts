/**
 * What an attacker gets against one account in a day with the default limits: a guesser who
 * answers wrong as soon as each wait ends, and a sender who asks for a code as soon as each
 * wait between sends ends. Runs the real triggers on a simulated clock. Prints figures;
 * asserts nothing (the limits' tests do).
 *
 *   npm run bench:limits
 */
import {
  codeStep,
  createCustomAuthTriggers,
  createMemoryAttemptStore,
  questionStep,
} from '../../src/triggers/index.ts';

const dayMs = 24 * 3600_000;
const start = Date.UTC(2026, 0, 1);
let now = start;
Date.now = () => now;

const userAttributes = { sub: 'victim', email: 'victim@example.com', email_verified: 'true' };
const base = {
  version: '1',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_Bench',
  userName: 'victim',
  callerContext: { awsSdkVersion: 'bench', clientId: 'bench' },
};

/** Runs `attempt` as often as the limits let it for a day; the longest wait it met. */
async function attackFor(attempt: () => Promise<void>) {
  now = start;
  let passed = 0;
  let longestWaitSeconds = 0;
  while (now < start + dayMs) {
    const waitSeconds = await attempt().then(
      () => 0,
      (error: { retryAfterSeconds?: number }) => error.retryAfterSeconds ?? 0,
    );
    if (waitSeconds === 0) passed += 1;
    longestWaitSeconds = Math.max(longestWaitSeconds, waitSeconds);
    now += Math.max(waitSeconds * 1000, 1000);
  }
  return { passed, longestWaitSeconds };
}

let guesses = 0;
const guessing = createCustomAuthTriggers({
  steps: [
    questionStep({
      question: 'Code?',
      verify: () => {
        guesses += 1;
        return false;
      },
    }),
  ],
  limits: { store: createMemoryAttemptStore() },
});
const guessed = await attackFor(async () => {
  await guessing.verifyAuthChallengeResponse({
    ...base,
    triggerSource: 'VerifyAuthChallengeResponse_Authentication',
    request: { userAttributes, privateChallengeParameters: { step: '0' }, challengeAnswer: '0' },
    response: { answerCorrect: false },
  } as never);
});

let messages = 0;
const sending = createCustomAuthTriggers({
  steps: [codeStep({ sendCode: async () => void messages++ })],
  limits: { store: createMemoryAttemptStore() },
  decoySendDelayMs: 0,
});
const sent = await attackFor(async () => {
  await sending.createAuthChallenge({
    ...base,
    triggerSource: 'CreateAuthChallenge_Authentication',
    request: { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session: [] },
    response: {
      publicChallengeParameters: {},
      privateChallengeParameters: {},
      challengeMetadata: '',
    },
  } as never);
});

const chance = (digits: number, tries: number) => 1 - (1 - 10 ** -digits) ** tries;
const percent = (value: number) => `${(value * 100).toPrecision(2)} %`;
console.log('Against one account, with the default limits, for 24 hours:');
console.log(
  `  wrong answers looked at: ${guesses} (longest wait ${guessed.longestWaitSeconds / 60} min)`,
);
console.log(`  messages sent: ${messages} (longest wait ${sent.longestWaitSeconds / 60} min)`);
for (const digits of [6, 8]) {
  console.log(
    `  chance to guess a ${digits}-digit code: ${percent(chance(digits, guesses))} a day, ` +
      `${percent(chance(digits, guesses * 365))} a year`,
  );
}
