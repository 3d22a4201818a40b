import { describe, expect, it, vi } from 'vitest';
import type { SignInStep } from '../../src/machine/index.ts';
import { alice, challengeStep, cognitoError, fakeServices } from '../support/fake-services.ts';
import { atChallenge, settledOn, startMachine, view } from '../support/machine-harness.ts';

const askForLink = (): SignInStep =>
  challengeStep({ type: 'magicLink', step: '1', steps: '1', attemptsLeft: '4', codeLength: '' });

const linkSent = (attemptsLeft = '3'): SignInStep =>
  challengeStep({
    type: 'magicLink',
    linkSent: 'true',
    codeLength: '6',
    destination: 'a***@e***.com',
    deliveryMedium: 'EMAIL',
    step: '1',
    steps: '1',
    attemptsLeft,
  });

/** What `signInLinks()` resumes at start when the page was opened with a link. */
const openedLink = (username: string) => async () => ({
  username,
  challenge: {
    parameters: { type: 'magicLink' },
    round: 1,
    expiresAt: Date.now() + 60_000,
    resendAvailableAt: 0,
  },
});

const refused = (reason: string) =>
  cognitoError(
    'UserLambdaValidationException',
    `VerifyAuthChallengeResponse failed with error MagicLinkRefused reason=${reason}.`,
  );

describe('customAuthMachine: magic links', () => {
  it('asks for a link by itself, then waits on a code screen that the code passes', async () => {
    const services = fakeServices({
      signIn: async () => askForLink(),
      answerOnClient: async () => linkSent(),
    });
    const actor = await atChallenge(services);

    expect(services.answerOnClient).toHaveBeenCalledTimes(1);
    expect(services.confirmSignIn).not.toHaveBeenCalled();
    expect(view(actor).error).toBeNull();
    expect(view(actor).challenge).toMatchObject({
      name: 'magicLink',
      type: 'code',
      codeLength: 6,
      destination: 'a***@e***.com',
      deliveryMedium: 'EMAIL',
      round: 1,
    });

    actor.send({ type: 'ANSWER_CHALLENGE', answer: '123456' });
    await settledOn(actor, 'signedIn');
    expect(services.confirmSignIn).toHaveBeenCalledWith('123456');
  });

  it('counts a wrong code on the waiting screen as a wrong answer', async () => {
    const services = fakeServices({
      signIn: async () => askForLink(),
      answerOnClient: async () => linkSent(),
      confirmSignIn: async () => linkSent('2'),
    });
    const actor = await atChallenge(services);
    actor.send({ type: 'ANSWER_CHALLENGE', answer: '000000' });
    await settledOn(actor, 'challenge');
    expect(view(actor).error).toEqual({ code: 'WrongAnswer', attemptsLeft: 2 });
    expect(view(actor).challenge?.round).toBe(2);
    expect(services.answerOnClient).toHaveBeenCalledTimes(1);
  });

  it('sends a new link on resend: a fresh sign-in that asks again', async () => {
    const services = fakeServices({
      signIn: async () => askForLink(),
      answerOnClient: async () => linkSent(),
    });
    const actor = await atChallenge(services, { resendCooldownMs: 0 });
    actor.send({ type: 'RESEND_CHALLENGE' });
    await settledOn(actor, 'challenge');
    expect(services.signIn).toHaveBeenCalledTimes(2);
    expect(services.answerOnClient).toHaveBeenCalledTimes(2);
    expect(view(actor).error).toBeNull();
  });

  it('opens a link at start: signs its user in before anything else, and stores nothing', async () => {
    const services = fakeServices({
      loadPendingChallenge: openedLink('Alice'),
      answerOnClient: async () => ({ type: 'done', user: alice }),
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signedIn');
    expect(services.answerOnClient).toHaveBeenCalledTimes(1);
    expect(services.signIn).not.toHaveBeenCalled();
    expect(view(actor)).toMatchObject({ user: alice, error: null });
  });

  it('gives the opened link to the sign-in it starts, and to no later one', async () => {
    const services = fakeServices({
      loadPendingChallenge: async () => ({ ...(await openedLink('alice')()), link: 'k1.e30.sig' }),
      signIn: async () => askForLink(),
      answerOnClient: async ({ link }) => {
        if (link) throw refused('used');
        return linkSent();
      },
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    expect(view(actor).error).toEqual({ code: 'LinkRefused', reason: 'used' });
    expect(services.answerOnClient).toHaveBeenLastCalledWith(
      expect.objectContaining({ link: 'k1.e30.sig' }),
    );

    actor.send({ type: 'SIGN_IN', username: 'bob' });
    await settledOn(actor, 'challenge');
    expect(services.answerOnClient).toHaveBeenCalledTimes(2);
    expect(services.answerOnClient).toHaveBeenLastCalledWith(
      expect.objectContaining({ link: undefined }),
    );
    expect(view(actor)).toMatchObject({ username: 'bob', error: null });
    expect(actor.getSnapshot().context.link).toBeUndefined();
  });

  it('keeps the opened link out of storage', async () => {
    const services = fakeServices({
      loadPendingChallenge: async () => ({ ...(await openedLink('alice')()), link: 'k1.e30.sig' }),
      answerOnClient: async () => linkSent(),
    });
    const actor = startMachine(services);
    await settledOn(actor, 'challenge');
    const saved = services.savePendingChallenge.mock.calls.map(([pending]) => pending);
    expect(saved.some((pending) => pending?.username === 'alice')).toBe(true);
    expect(JSON.stringify(saved)).not.toContain('k1.e30.sig');
  });

  describe('a link from another browser', () => {
    /** What `signInLinks()` resumes when this browser did not ask for the opened link. */
    const foreignLink = async () => ({
      username: '',
      challenge: {
        parameters: { type: 'linkConfirmation', destination: 'm***@e***.com', username: 'mallory' },
        round: 1,
        expiresAt: Date.now() + 120_000,
        resendAvailableAt: 0,
      },
      link: 'k1.e30.sig',
    });

    it('asks whose account it opens before using it, and Continue signs in', async () => {
      const services = fakeServices({
        loadPendingChallenge: foreignLink,
        answerOnClient: async () => ({ type: 'done', user: alice }),
      });
      const actor = startMachine(services);
      await settledOn(actor, 'challenge');
      expect(view(actor)).toMatchObject({
        username: '',
        error: null,
        challenge: { type: 'linkConfirmation', destination: 'm***@e***.com' },
      });
      expect(services.answerOnClient).not.toHaveBeenCalled();
      expect(services.signIn).not.toHaveBeenCalled();

      actor.send({ type: 'RESEND_CHALLENGE' });
      expect(view(actor)).toMatchObject({ route: 'challenge', isPending: false, error: null });
      actor.send({ type: 'ANSWER_CHALLENGE', answer: '' });
      await settledOn(actor, 'signedIn');
      expect(services.answerOnClient).toHaveBeenCalledExactlyOnceWith(
        expect.objectContaining({ link: 'k1.e30.sig' }),
      );
      expect(view(actor).user).toEqual(alice);
    });

    it('signs in as the link’s user once confirmed: the code screen names them and a resend is theirs', async () => {
      const services = fakeServices({
        loadPendingChallenge: foreignLink,
        // The link's sign-in goes on to a code (a chain, or a link that no longer works), and
        // the link services say whose it is.
        answerOnClient: async () => ({ ...challengeStep(), username: 'mallory' }),
      });
      const actor = startMachine(services, { initialRoute: 'signUp' });
      await settledOn(actor, 'challenge');
      actor.send({ type: 'ANSWER_CHALLENGE', answer: '' });
      await vi.waitFor(() => expect(view(actor).challenge?.type).toBe('code'));
      expect(view(actor)).toMatchObject({ route: 'challenge', username: 'mallory' });
      // Nothing kept for a reload names anyone but the one signing in.
      const saved = services.savePendingChallenge.mock.calls.at(-1)?.[0];
      expect(saved === null || saved?.username === 'mallory').toBe(true);
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
      try {
        actor.send({ type: 'RESEND_CHALLENGE' });
        await vi.waitFor(() => expect(services.signIn).toHaveBeenCalled());
      } finally {
        vi.useRealTimers();
      }
      expect(services.signIn.mock.calls[0]?.[0]).toMatchObject({ username: 'mallory' });
    });

    it('drops it on Cancel: the empty sign-in form, and a later sign-in asks for its own link', async () => {
      const services = fakeServices({
        loadPendingChallenge: foreignLink,
        signIn: async () => askForLink(),
        answerOnClient: async () => linkSent(),
      });
      const actor = startMachine(services);
      await settledOn(actor, 'challenge');
      actor.send({ type: 'GO_TO_SIGN_IN' });
      await settledOn(actor, 'signIn');
      expect(view(actor)).toMatchObject({ username: '', error: null, challenge: null });
      expect(actor.getSnapshot().context.link).toBeUndefined();

      actor.send({ type: 'SIGN_IN', username: 'alice' });
      await settledOn(actor, 'challenge');
      expect(services.answerOnClient).toHaveBeenCalledExactlyOnceWith(
        expect.objectContaining({ link: undefined }),
      );
    });

    it('drops it when another tab signs in meanwhile', async () => {
      const services = fakeServices({ loadPendingChallenge: foreignLink });
      const actor = startMachine(services);
      await settledOn(actor, 'challenge');
      services.emitOtherTab(alice);
      await settledOn(actor, 'signedIn');
      expect(actor.getSnapshot().context.link).toBeUndefined();
      expect(services.answerOnClient).not.toHaveBeenCalled();
    });

    it('drops it when the question is left unanswered too long', async () => {
      vi.useFakeTimers();
      try {
        const services = fakeServices({ loadPendingChallenge: foreignLink });
        const actor = startMachine(services);
        await vi.waitFor(() => expect(view(actor).route).toBe('challenge'));
        await vi.advanceTimersByTimeAsync(120_000);
        expect(view(actor)).toMatchObject({ route: 'signIn', error: { code: 'SessionExpired' } });
        expect(actor.getSnapshot().context.link).toBeUndefined();
        expect(services.answerOnClient).not.toHaveBeenCalled();
      } finally {
        vi.useRealTimers();
      }
    });
  });

  it('ignores a link when someone is signed in already', async () => {
    const services = fakeServices({
      loadPendingChallenge: openedLink('mallory'),
      getCurrentUser: async () => alice,
    });
    const actor = startMachine(services);
    await settledOn(actor, 'signedIn');
    expect(services.answerOnClient).not.toHaveBeenCalled();
    expect(view(actor).user).toEqual(alice);
  });

  it.each(['expired', 'used', 'superseded', 'signature'])(
    'ends a %s link on the sign-in screen with the username filled and the reason as data',
    async (reason) => {
      const services = fakeServices({
        loadPendingChallenge: openedLink('alice'),
        answerOnClient: async () => {
          throw refused(reason);
        },
      });
      const actor = startMachine(services);
      await settledOn(actor, 'signIn');
      expect(view(actor)).toMatchObject({
        username: 'alice',
        challenge: null,
        error: { code: 'LinkRefused', reason },
      });
    },
  );

  it('follows a sign-in or sign-out in another tab', async () => {
    const services = fakeServices({
      signIn: async () => askForLink(),
      answerOnClient: async () => linkSent(),
    });
    const actor = await atChallenge(services);

    services.emitOtherTab(alice);
    await settledOn(actor, 'signedIn');
    expect(view(actor)).toMatchObject({ user: alice, challenge: null });
    expect(services.savePendingChallenge).toHaveBeenLastCalledWith(null);

    services.emitOtherTab(null);
    await settledOn(actor, 'signIn');
    expect(view(actor).user).toBeNull();
    // Nothing to follow while signed out: a sign-out elsewhere leaves the form alone.
    services.emitOtherTab(null);
    expect(actor.getSnapshot().matches({ signIn: 'idle' })).toBe(true);
  });

  it('says how to enable links when the app did not opt in', async () => {
    const services = fakeServices({ signIn: async () => askForLink() });
    const actor = startMachine(services);
    await settledOn(actor, 'signIn');
    actor.send({ type: 'SIGN_IN', username: 'alice' });
    await settledOn(actor, 'signIn');
    expect(view(actor)).toMatchObject({ username: 'alice', error: { code: 'Unknown' } });
    expect(view(actor).error?.serverMessage).toContain('signInLinks()');
    expect(services.answerOnClient).toHaveBeenCalledTimes(1);
  });
});
