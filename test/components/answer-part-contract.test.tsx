import { screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ChallengeControls } from '../../src/index.ts';
import { fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

/** What a new user wrote: a whole form, as for a screen of its own. */
function FormAnswer(controls: ChallengeControls) {
  return (
    <form>
      <input {...controls.fieldProps} />
      <button type="submit">Continue</button>
    </form>
  );
}

/** The contract: the field only; the drop-in's form submits it. */
function FieldAnswer(controls: ChallengeControls) {
  return <input {...controls.fieldProps} aria-label="Answer" />;
}

async function signInWith(answer: (controls: ChallengeControls) => ReactElement) {
  const { user } = renderAuthenticator(
    { components: { challenges: { code: answer } } },
    fakeServices(),
  );
  await user.type(await screen.findByLabelText('Username'), 'alice');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('form', { name: 'Enter your code' });
}

describe('an answer part given to the drop-in', () => {
  it('that renders a form of its own is told, in development, what the contract is', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await signInWith(FormAnswer);
    // React's own nesting warning names no way out; the kit's says what to render instead.
    const ours = error.mock.calls
      .map(([text]) => String(text))
      .filter((text) => text.startsWith('cognito-custom-auth:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain("a <form> inside the challenge screen's form");
    expect(ours[0]).toContain('submits with submit(value)');
  });

  it('that renders its field only is not', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await signInWith(FieldAnswer);
    expect(error).not.toHaveBeenCalled();
  });
});
