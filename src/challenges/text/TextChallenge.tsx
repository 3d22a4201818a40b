import type { AnswerPart } from '../../components/challenge/answer-part.ts';
import type { ChallengeControls } from '../../react/index.ts';
import { CodeChallenge } from '../code/CodeChallenge.tsx';

/**
 * A free answer, masked when the trigger says it is secret; also the answer for any type
 * nobody registered a component for.
 */
export const TextChallenge = (controls: ChallengeControls) => <CodeChallenge {...controls} />;

/** Free answers, under the frame's default title, sent with Confirm. */
export const textPart: AnswerPart = { Answer: TextChallenge };
