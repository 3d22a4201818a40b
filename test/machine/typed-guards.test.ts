import { describe, expect, it } from 'vitest';
import { errorIs, stepIs } from '../../src/machine/transitions.ts';

describe('the statechart’s guard helpers', () => {
  it('take only the names of real steps and errors, so a typo fails the type check', () => {
    // @ts-expect-error: a misspelt step
    const misspeltStep = () => stepIs('customChallange');
    // @ts-expect-error: not a name Amplify or Cognito throws
    const misspeltError = () => errorIs('NotAuthorisedException');
    expect([typeof misspeltStep, typeof misspeltError]).toEqual(['function', 'function']);
    expect(stepIs('customChallenge').type).toBe('stepIs');
    expect(errorIs('NotAuthorizedException').type).toBe('errorIs');
  });
});
