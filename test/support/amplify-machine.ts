import { createActor, waitFor } from 'xstate';
import { type CustomAuthFlow, customAuthMachine, viewOf } from '../../src/machine/index.ts';

/** The kit's statechart on the real Amplify client (configure Amplify first). */
export const startOnAmplify = (flow: CustomAuthFlow = 'passwordless') =>
  createActor(customAuthMachine, { input: { flow } }).start();

/** The view once the request in flight has settled. */
export async function settled(actor: ReturnType<typeof startOnAmplify>) {
  const snapshot = await waitFor(actor, (state) => !state.hasTag('pending'), { timeout: 5000 });
  return viewOf(snapshot);
}
