import { describe, expect, it, vi } from 'vitest';
import type { CustomAuthEvent } from '../../src/machine/index.ts';
import { createCommands } from '../../src/react/commands.ts';

describe('createCommands', () => {
  it('sends the event its command names, whatever else the app passes along', () => {
    const send = vi.fn<(event: CustomAuthEvent) => void>();
    const commands = createCommands(send);
    const fromAForm = { username: 'alice', password: 'Secret-123', type: 'submit' };
    commands.signIn(fromAForm);
    commands.signUp({ ...fromAForm, attributes: { email: 'a@example.com' } });
    commands.signOut();
    expect(send.mock.calls.map(([event]) => event.type)).toEqual([
      'SIGN_IN',
      'SIGN_UP',
      'SIGN_OUT',
    ]);
    expect(send.mock.calls[0]?.[0]).toMatchObject({ username: 'alice', password: 'Secret-123' });
  });
});
