import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { type CustomAuthInput, viewOf, withServices } from '../../src/machine/index.ts';
import { startView } from '../../src/machine/view.ts';
import { alice, cognitoError, deferred, fakeServices } from '../support/fake-services.ts';
import { settledOn, startMachine, view } from '../support/machine-harness.ts';

const nothingStored = () => false;

describe('customAuthMachine: a start with nothing stored to resume', () => {
  it('is on the sign-in form before it starts, and checks the session behind it', async () => {
    const services = fakeServices({ mayResume: nothingStored });
    const actor = createActor(withServices(services), { input: {} });
    expect(viewOf(actor.getSnapshot())).toMatchObject({ route: 'signIn', isPending: false });
    expect(services.getCurrentUser).not.toHaveBeenCalled();
    actor.start();
    await settledOn(actor, 'signIn');
    expect(services.getCurrentUser).toHaveBeenCalledTimes(1);
    expect(services.loadPendingChallenge).not.toHaveBeenCalled();
    actor.stop();
  });

  it('starts on sign-up when that is the initial route', () => {
    const actor = createActor(withServices(fakeServices({ mayResume: nothingStored })), {
      input: { initialRoute: 'signUp' },
    });
    expect(viewOf(actor.getSnapshot()).route).toBe('signUp');
  });

  it('moves to signed in when the check finds a session the quick look missed', async () => {
    const check = deferred<typeof alice | null>();
    const services = fakeServices({
      mayResume: nothingStored,
      getCurrentUser: () => check.promise,
    });
    const actor = startMachine(services);
    expect(view(actor).route).toBe('signIn');
    check.resolve(alice);
    await settledOn(actor, 'signedIn');
    expect(view(actor)).toMatchObject({ user: alice, error: null });
  });

  it('stays on the form, with no error, when the check fails, and still signs in', async () => {
    const services = fakeServices({
      mayResume: nothingStored,
      getCurrentUser: async () => {
        throw cognitoError('InternalErrorException');
      },
    });
    const actor = startMachine(services);
    // Lets the failed check come back.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(services.getCurrentUser).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().status).toBe('active');
    expect(view(actor).route).toBe('signIn');
    expect(view(actor).error).toBeNull();
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'challenge');
  });

  it('checks again, waiting this time, when the sign-in finds someone signed in', async () => {
    let signedIn: typeof alice | null = null;
    const services = fakeServices({
      mayResume: nothingStored,
      getCurrentUser: async () => signedIn,
      signIn: async () => {
        signedIn = alice;
        throw cognitoError('UserAlreadyAuthenticatedException');
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signedIn');
    expect(services.getCurrentUser).toHaveBeenCalledTimes(2);
  });
});

describe('customAuthMachine: a start with something that may be resumed', () => {
  it('waits on the session check, then the kept challenge, as before', async () => {
    const services = fakeServices({ mayResume: () => true });
    const actor = createActor(withServices(services), { input: {} });
    expect(viewOf(actor.getSnapshot())).toMatchObject({ route: 'initializing', isPending: true });
    actor.start();
    await settledOn(actor, 'signIn');
    expect(services.getCurrentUser).toHaveBeenCalledTimes(1);
    expect(services.loadPendingChallenge).toHaveBeenCalledTimes(1);
    actor.stop();
  });

  it('waits when the quick look fails, since it rules nothing out', () => {
    const actor = createActor(
      withServices(
        fakeServices({
          mayResume: () => {
            throw new Error('storage blocked');
          },
        }),
      ),
      { input: {} },
    );
    expect(viewOf(actor.getSnapshot()).route).toBe('initializing');
  });
});

describe('startView: the screen shown before the statechart runs', () => {
  const inputs: CustomAuthInput[] = [
    {},
    { flow: 'passwordThenCode' },
    { initialRoute: 'signUp' },
    { flow: 'passwordThenCode', initialRoute: 'signUp', resendCooldownMs: 0 },
  ];
  const cases = inputs.flatMap((input) =>
    [true, false].map((nothingStored) => ({ input, nothingStored })),
  );

  it.each(cases)('is the view the statechart starts in: %j', ({ input, nothingStored }) => {
    const services = fakeServices({ mayResume: () => !nothingStored });
    const actor = createActor(withServices(services), { input });
    expect(startView(input, nothingStored)).toEqual(viewOf(actor.getSnapshot()));
  });
});
