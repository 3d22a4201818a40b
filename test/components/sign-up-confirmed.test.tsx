import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { es } from '../../src/index.ts';
import { alice, rightCode } from '../support/fake-services.ts';
import { renderAuthenticator } from '../support/render-authenticator.tsx';

const confirmedText = 'Account confirmed. One more code to sign you in.';

describe('the challenge after a confirmed sign-up', () => {
  it('says why it asks for another code, in a status line, until the sign-in ends', async () => {
    const { user } = renderAuthenticator({ initialRoute: 'signUp' });
    await user.type(await screen.findByLabelText('Username'), alice.username);
    await user.type(screen.getByLabelText('Email'), 'alice@example.com{Enter}');
    await user.type(await screen.findByLabelText('Code'), rightCode);
    await screen.findByRole('form', { name: 'Enter your code' });
    const statuses = await screen.findAllByText(confirmedText);
    expect(statuses.map((status) => status.getAttribute('role'))).toContain('status');

    await user.type(screen.getByLabelText('Code'), rightCode);
    await screen.findByRole('heading', { name: 'Signed in as alice' });
    expect(screen.queryByText(confirmedText)).toBeNull();
  });

  it('says nothing on a plain sign-in’s challenge, and speaks the chosen language', async () => {
    const first = renderAuthenticator();
    await first.user.type(await screen.findByLabelText('Username'), `${alice.username}{Enter}`);
    await screen.findByRole('form', { name: 'Enter your code' });
    // The frame's own live region for a resent code, and no other.
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toEqual(['']);
    expect(screen.queryByText(confirmedText)).toBeNull();
    first.unmount();

    const { user } = renderAuthenticator({ initialRoute: 'signUp', locale: es });
    await user.type(await screen.findByLabelText(es.username), alice.username);
    await user.type(screen.getByLabelText(es.email), 'alice@example.com{Enter}');
    await user.type(await screen.findByLabelText(es.code), rightCode);
    expect((await screen.findAllByText(es.signUpConfirmed)).length).toBeGreaterThan(0);
  });
});
