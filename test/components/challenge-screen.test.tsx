import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ar } from '../../src/index.ts';
import { challengeStep, fakeServices } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

/** Signs in as alice, answers `answer`, and is told it is wrong: 1 attempt left. */
async function answerWrongly(
  parameters: Record<string, string>,
  answer: string,
  { label = 'Code', submit = false } = {},
) {
  const services = fakeServices({
    signIn: async () => challengeStep(parameters),
    confirmSignIn: async () => challengeStep({ ...parameters, attemptsLeft: '1' }),
  });
  const { user } = renderAuthenticator({}, services);
  await user.type(await screen.findByLabelText('Username'), 'alice{Enter}');
  await user.type(await screen.findByLabelText(label), submit ? `${answer}{Enter}` : answer);
  return screen.findByRole('alert', {}, { timeout: 2_000 });
}

describe('the challenge screen', () => {
  const scrolled: Element[] = [];
  beforeEach(() => {
    // jsdom has no layout: record what asks to be scrolled into view, and how.
    Element.prototype.scrollIntoView = vi.fn(function (this: Element, options) {
      expect(options).toEqual({ block: 'nearest' });
      scrolled.push(this);
    });
  });
  afterEach(() => {
    scrolled.length = 0;
    Reflect.deleteProperty(Element.prototype, 'scrollIntoView');
  });

  it('says what was wrong and the attempts left in one message, right under the field', async () => {
    const alert = await answerWrongly({ codeLength: '6' }, '000000');
    await waitFor(() => expect(alert.textContent).toBe('Incorrect code. 1 attempt left.'));
    const code = screen.getByLabelText('Code');
    expect(code.closest('[data-part="field"]')?.nextElementSibling).toBe(alert);
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(code.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(screen.queryByText(/attempts? left$/)).toBeNull();
    // Nothing between the field and the message: the help gives way while it shows.
    expect(screen.queryByText(/Paste or type the code/)).toBeNull();
    expect(scrolled).toContain(alert);
  });

  it('says an answer that is not a code is incorrect', async () => {
    const alert = await answerWrongly({ type: 'text', codeLength: '' }, 'blue', {
      label: 'Answer',
      submit: true,
    });
    await waitFor(() => expect(alert.textContent).toBe('Incorrect answer. 1 attempt left.'));
  });

  it('keeps what the trigger and the user sent in their own direction, in Arabic', async () => {
    const services = fakeServices({
      signIn: async () =>
        challengeStep({ hint: 'Enter the 6-digit code (check spam!)', destination: '+1 ***-42' }),
    });
    const { user, container } = renderAuthenticator({ locale: ar }, services);
    await user.type(await screen.findByLabelText(ar.username), 'alice{Enter}');
    const hint = await screen.findByText('Enter the 6-digit code (check spam!)');
    expect(hint.getAttribute('dir')).toBe('auto');
    const isolatedValues = Array.from(container.querySelectorAll('bdi'), (bdi) => [
      bdi.closest('[data-part]')?.getAttribute('data-part'),
      bdi.textContent,
    ]);
    expect(isolatedValues).toEqual([
      ['user', 'alice'],
      ['destination', '+1 ***-42'],
    ]);
    expect(container.querySelector('[data-part="user"]')?.textContent).toContain(
      `${ar.signingInAs.replace('{username}', 'alice')}`,
    );
    expect(container.querySelector('[data-part="destination"]')?.textContent).toBe(
      ar.codeSentTo.replace('{destination}', '+1 ***-42'),
    );
  });
});
