import { randomBytes } from 'node:crypto';
import { ANOTHER_WAY_PREFIX } from '../../challenges/protocol.ts';
import type { AttemptStore } from '../limits/attempt-store.ts';
import { type CustomChallengeStep, guesses } from './chain-step.ts';

/** The private parameters naming the alternative a round belongs to, and the round. */
const ACTIVE = 'anyOf';
const ROUND = 'anyOfRound';

/** How long a request for another alternative waits for the next Create: a session's life. */
const requestTtlMs = 15 * 60_000;

/**
 * Verify sees the answer that asks for another alternative, the next Create only the session:
 * the request passes through the store, under the round's random id.
 */
const requestKey = (round: string, index: number) => `anyof#${round}#${index}`;

/** Where an `anyOf` step stands: the alternative in use, the rounds each has used. */
interface AlternativesState {
  active: number;
  used: number[];
  /** Rounds of the active alternative since it took over. */
  innerRound: number;
  innerMetadata: string | undefined;
}

const statePattern = /^ALT:(\d):([\d,]{1,40}):(\d{1,3}):([\w-]{16}):([\s\S]*)$/;

function parseState(metadata: string | undefined, count: number) {
  const match = statePattern.exec(metadata ?? '');
  if (!match) return undefined;
  const used = (match[2] as string).split(',').map(Number);
  const active = Number(match[1]);
  if (used.length !== count || active >= count) return undefined;
  const state: AlternativesState = {
    active,
    used,
    innerRound: Number(match[3]),
    innerMetadata: match[5],
  };
  return { state, round: match[4] as string };
}

const writeState = (
  { active, used, innerRound, innerMetadata }: AlternativesState,
  round: string,
) => `ALT:${active}:${used.join(',')}:${innerRound}:${round}:${innerMetadata ?? ''}`;

/** The alternative the previous round's answer asked for, if any. */
async function requested(store: AttemptStore, round: string, count: number, now: number) {
  const asked = await Promise.all(
    Array.from({ length: count }, (_, index) => store.get(requestKey(round, index), now)),
  );
  return asked.findIndex((record) => record !== undefined);
}

/**
 * One step of a chain that the user passes by any of its alternatives: `anyOf(passkeyStep(),
 * codeStep())` signs in with a passkey, or with a code for a user with none, on a device
 * without one, or who asks for it. The first alternative starts; an answer of
 * `another-way:<index>` goes on by another (kept in the limits' store for the next Create,
 * which sees no answer), and one whose answers are used up hands over to the next that has
 * some. Each keeps its own attempts (a switch uses one of the alternative it leaves); the
 * step fails once all are used. Rounds say their alternative's `type` and attempts, and list
 * the alternatives (`alternatives`, `alternative`), so the client can offer the others.
 */
export function anyOf(...alternatives: CustomChallengeStep[]): CustomChallengeStep {
  if (alternatives.length < 2 || alternatives.length > 9) {
    throw new TypeError('anyOf takes 2 to 9 alternatives.');
  }
  if (alternatives.some((step) => step?.kind !== 'custom' || step.lead || step.needsFactor)) {
    throw new TypeError(
      "anyOf takes custom steps that stand alone: no password, no step with a choice before it (deliver: 'choice'), no enrolment.",
    );
  }
  const types = alternatives.map((step) => step.type).join(',');
  const first = alternatives[0] as CustomChallengeStep;
  const alternativeOf = (privateParameters: Readonly<Record<string, string>>) =>
    alternatives[Number(privateParameters[ACTIVE])];
  return {
    kind: 'custom',
    type: first.type,
    // A switch uses a round of the alternative it leaves, so the rounds add up.
    maxAttempts: alternatives.reduce((total, step) => total + step.maxAttempts, 0),
    provesFactor: alternatives.every((step) => step.provesFactor),
    guessable: (answer, privateParameters) =>
      !answer.startsWith(ANOTHER_WAY_PREFIX) &&
      guesses(alternativeOf(privateParameters), answer, privateParameters),
    async create(input) {
      const previous = parseState(input.previousMetadata, alternatives.length);
      const asked = previous
        ? await requested(input.store, previous.round, alternatives.length, Date.now())
        : -1;
      const state = previous ? nextState(previous.state, asked) : undefined;
      const { active, used, innerRound, innerMetadata } = state ?? {
        active: 0,
        used: alternatives.map(() => 0),
        innerRound: 1,
        innerMetadata: undefined,
      };
      const step = alternatives[active] as CustomChallengeStep;
      const challenge = await step.create({
        ...input,
        round: innerRound,
        previousMetadata: innerMetadata,
      });
      const round = randomBytes(12).toString('base64url');
      return {
        hint: challenge.hint,
        parameters: { ...challenge.parameters, alternatives: types, alternative: String(active) },
        privateParameters: {
          ...challenge.privateParameters,
          [ACTIVE]: String(active),
          [ROUND]: round,
        },
        metadata: writeState(
          { active, used, innerRound, innerMetadata: challenge.metadata },
          round,
        ),
        type: step.type,
        attemptsLeft: step.maxAttempts - (used[active] ?? 0),
      };
    },
    async verify(input) {
      const { answer, privateParameters, store } = input;
      if (answer.startsWith(ANOTHER_WAY_PREFIX)) {
        const index = Number(answer.slice(ANOTHER_WAY_PREFIX.length));
        const round = privateParameters[ROUND];
        if (Number.isInteger(index) && alternatives[index] && round) {
          // Stored before the answer goes back, so the next Create finds it.
          await store.increment(requestKey(round, index), 1, requestTtlMs, Date.now());
        }
        return 'request';
      }
      const step = alternativeOf(input.privateParameters);
      return step ? step.verify(input) : false;
    },
  };

  /** After a round that did not pass: the same alternative, the one asked for, or the next. */
  function nextState(previous: AlternativesState, asked: number): AlternativesState {
    const used = previous.used.map((count, index) => count + (index === previous.active ? 1 : 0));
    const left = (index: number) =>
      (alternatives[index]?.maxAttempts ?? 0) - (used[index] ?? 0) > 0;
    const switchTo =
      asked >= 0 && asked !== previous.active && left(asked)
        ? asked
        : left(previous.active)
          ? undefined
          : alternatives.findIndex((_, index) => left(index));
    if (switchTo === undefined || switchTo < 0) {
      return {
        ...previous,
        used,
        innerRound: previous.innerRound + 1,
      };
    }
    return { active: switchTo, used, innerRound: 1, innerMetadata: undefined };
  }
}
