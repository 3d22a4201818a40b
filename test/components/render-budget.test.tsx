import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { ChallengeForm, ChoiceChallenge, CustomAuthenticator } from '../../src/index.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';

const counts = { root: 0, challenge: 0, frame: 0 };

const count: ProfilerOnRenderCallback = (id) => {
  counts[id as 'root' | 'challenge'] += 1;
};

/** Renders whenever the drop-in's frame (the route switch around the screens) renders. */
function Header() {
  counts.frame += 1;
  return <p>Acme</p>;
}

function ProfiledChallenge() {
  return (
    <Profiler id="challenge" onRender={count}>
      <ChallengeForm />
    </Profiler>
  );
}

describe('render budget', () => {
  it.each([
    ['a code', { type: 'code' }, 'Code'],
    ['a text answer', { type: 'text', secret: 'true' }, 'Answer'],
    ['an app’s own type', { type: 'retina' }, 'Answer'],
  ])('re-renders only the challenge screen while %s is typed', async (_, parameters, label) => {
    const services = fakeServices({
      signIn: async () => challengeStep(parameters),
      confirmSignIn: () => new Promise(() => {}),
    });
    render(
      <Profiler id="root" onRender={count}>
        <CustomAuthenticator
          services={services}
          components={{ Header, Challenge: ProfiledChallenge }}
        />
      </Profiler>,
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    const code = await screen.findByLabelText(label);
    await user.click(code);

    const before = { ...counts };
    const keystrokes = 5;
    await user.keyboard('12345');
    const commitsPerKeystroke = (counts.root - before.root) / keystrokes;
    expect(commitsPerKeystroke).toBe(1);
    expect(counts.challenge - before.challenge).toBe(keystrokes);
    expect(counts.frame - before.frame).toBe(0);
    expect((code as HTMLInputElement).value).toBe('12345');
  });

  it('commits once per arrow key in a choice', async () => {
    const options = ['a', 'b', 'c'].map((value) => ({ value, label: `Option ${value}` }));
    const services = fakeServices({
      signIn: async () => challengeStep({ type: 'choice', options: JSON.stringify(options) }),
    });
    render(
      <Profiler id="root" onRender={count}>
        <CustomAuthenticator
          services={services}
          components={{
            Header,
            Challenge: ProfiledChallenge,
            challenges: { choice: ChoiceChallenge },
          }}
        />
      </Profiler>,
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
    const first = await screen.findByLabelText('Option a');
    await user.click(first);

    const before = { ...counts };
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(counts.root - before.root).toBe(2);
    expect(counts.frame - before.frame).toBe(0);
    expect((screen.getByLabelText('Option c') as HTMLInputElement).checked).toBe(true);
  });
});
