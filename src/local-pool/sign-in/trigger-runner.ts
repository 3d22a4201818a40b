import { CognitoError } from '../protocol/errors.ts';

/** A Lambda handler in any of the styles Node Lambdas use: async, sync or callback. */
// biome-ignore lint/suspicious/noExplicitAny: trigger events are plain objects of many shapes
export type LambdaHandler = (event: any, context: any, callback: any) => unknown;

export interface TriggerHandlers {
  defineAuthChallenge: LambdaHandler;
  createAuthChallenge: LambdaHandler;
  verifyAuthChallengeResponse: LambdaHandler;
}

const triggerTimeoutMs = 5_000;

/**
 * What Lambda gives a handler besides the event, the deprecated `succeed`, `fail` and `done`
 * included: older triggers still end with them, and they still work on Lambda.
 */
function lambdaContext(functionName: string, finish: (error: unknown, result?: unknown) => void) {
  const deadline = Date.now() + triggerTimeoutMs;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    succeed: (result?: unknown) => finish(null, result),
    fail: (error: unknown) => finish(error ?? new Error('failed')),
    done: (error?: unknown, result?: unknown) => finish(error ?? null, result),
  };
}

/**
 * Runs a handler the way Lambda does and resolves to the event it produced: the value it
 * returned or passed to its callback, or else the event it mutated. A throw becomes
 * UserLambdaValidationException and a hang UnexpectedLambdaException, as in Cognito.
 */
export function invokeTrigger<E extends object>(
  name: string,
  handler: LambdaHandler,
  event: E,
): Promise<E> {
  return new Promise<E>((resolvePromise, rejectPromise) => {
    let settled = false;
    const timer = setTimeout(() => {
      finish(new CognitoError('UnexpectedLambdaException', `${name} timed out.`));
    }, triggerTimeoutMs);
    function finish(error: unknown, result?: unknown) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error === null || error === undefined) {
        resolvePromise((result ?? event) as E);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        rejectPromise(
          error instanceof CognitoError
            ? error
            : new CognitoError(
                'UserLambdaValidationException',
                `${name} failed with error ${message}.`,
              ),
        );
      }
    }
    try {
      const returned = handler(event, lambdaContext(name, finish), finish);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then((value) => finish(null, value), finish);
      } else if (handler.length < 3) {
        finish(null, returned);
      }
    } catch (error) {
      finish(error);
    }
  });
}
