import { createActor, waitFor } from 'xstate';
import {
  type CustomAuthInput,
  type CustomAuthRoute,
  viewOf,
  withServices,
} from '../../src/machine/index.ts';
import type { FakeServices } from './fake-services.ts';

export function startMachine(services: FakeServices, input?: CustomAuthInput) {
  const actor = createActor(withServices(services), { input });
  actor.start();
  return actor;
}

export type MachineActor = ReturnType<typeof startMachine>;

export const view = (actor: MachineActor) => viewOf(actor.getSnapshot());

/** Resolves once the machine shows `route` with no request in flight. */
export function settledOn(actor: MachineActor, route: CustomAuthRoute) {
  return waitFor(
    actor,
    (snapshot) => viewOf(snapshot).route === route && !snapshot.hasTag('pending'),
    { timeout: 1000 },
  );
}

/** Drives a fresh machine to the first challenge of a passwordless sign-in. */
export async function atChallenge(services: FakeServices, input?: CustomAuthInput) {
  const actor = startMachine(services, input);
  await settledOn(actor, 'signIn');
  actor.send({ type: 'SIGN_IN', username: 'alice', password: 'Secret-123' });
  await settledOn(actor, 'challenge');
  return actor;
}
