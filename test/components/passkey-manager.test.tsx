import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PasskeyManagement } from '../../src/challenges/passkey/management-client.ts';
import { CustomAuthProvider, PasskeyManager, type PasskeyView } from '../../src/index.ts';
import { alice, fakeServices } from '../support/fake-services.ts';

vi.mock('../../src/challenges/passkey/management-client.ts', async (original) => ({
  ...(await original<typeof import('../../src/challenges/passkey/management-client.ts')>()),
  // The app client the access token names: here a pool this test plays.
  signedInClient: async () => ({ endpoint: 'https://cognito.test/', clientId: 'app' }),
}));

const passkey: PasskeyView = {
  id: 'key-1',
  provider: null,
  createdAt: Date.UTC(2026, 10, 2, 12),
  lastUsedAt: null,
  synced: false,
  deviceBound: true,
};

/**
 * Cognito for the step-up's sign-in: a code round, whose answer is taken only in the session
 * the start gave, as Cognito's sessions are single-use.
 */
function cognitoWithCode() {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const operation =
      String((init.headers as Record<string, string>)['x-amz-target']).split('.')[1] ?? '';
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    calls.push({ operation, body });
    if (operation === 'InitiateAuth') {
      return Response.json({
        ChallengeName: 'CUSTOM_CHALLENGE',
        Session: 'session-1',
        ChallengeParameters: { type: 'code', codeLength: '6', USERNAME: 'alice' },
      });
    }
    if (operation === 'RespondToAuthChallenge' && body.Session === 'session-1') {
      return Response.json({ AuthenticationResult: { RefreshToken: 'refresh-1' } });
    }
    if (operation === 'RevokeToken') return Response.json({});
    return Response.json(
      { __type: 'NotAuthorizedException', message: 'Invalid session for the user.' },
      { status: 400 },
    );
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

/** Re-renders the manager on demand, with new messages each time, as inline props would. */
function Parent({
  management,
  onRerender,
}: {
  management: PasskeyManagement;
  onRerender: (rerender: () => void) => void;
}) {
  const [, setCount] = useState(0);
  onRerender(() => setCount((value) => value + 1));
  return (
    <PasskeyManager
      url="/passkeys/manage"
      management={management}
      messages={{ passkeyAdd: 'Add a passkey' }}
    />
  );
}

/** The manager in a signed-in provider. */
function renderManager(management: PasskeyManagement) {
  let rerender = () => {};
  const services = fakeServices({ getCurrentUser: async () => alice, mayResume: () => true });
  render(
    <StrictMode>
      <CustomAuthProvider services={services}>
        <Parent management={management} onRerender={(given) => (rerender = given)} />
      </CustomAuthProvider>
    </StrictMode>,
  );
  return { rerender: () => act(() => rerender()) };
}

describe('<PasskeyManager>', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('removes a passkey after a step-up that keeps its session across re-renders', async () => {
    const calls = cognitoWithCode();
    const management: PasskeyManagement = {
      list: vi.fn(async () => [passkey]),
      add: vi.fn(),
      remove: vi.fn(async () => {}),
    };
    const user = userEvent.setup();
    const view = renderManager(management);
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    const code = await screen.findByLabelText('Code');
    expect(screen.getByRole('heading', { name: 'Confirm it’s you' })).toBeTruthy();
    // A re-render of the manager in the middle of the step-up must not lose its session.
    await view.rerender();
    await user.type(code, '123456');
    await screen.findByText('Passkey removed.');
    expect(management.remove).toHaveBeenCalledWith('key-1', expect.objectContaining({}));
    const [, stepUp] = vi.mocked(management.remove).mock.calls[0] ?? [];
    const answer = calls.find(({ operation }) => operation === 'RespondToAuthChallenge');
    expect(answer?.body.ClientMetadata).toEqual({ stepUp: stepUp?.digest });
    expect(calls.map(({ operation }) => operation)).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge',
      'RevokeToken',
    ]);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Passkeys' })),
    );
  });

  it('changes nothing when the step-up is cancelled', async () => {
    cognitoWithCode();
    const management: PasskeyManagement = {
      list: vi.fn(async () => [passkey]),
      add: vi.fn(),
      remove: vi.fn(async () => {}),
    };
    const user = userEvent.setup();
    renderManager(management);
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    await screen.findByLabelText('Code');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('button', { name: 'Remove' });
    expect(management.remove).not.toHaveBeenCalled();
  });
});
