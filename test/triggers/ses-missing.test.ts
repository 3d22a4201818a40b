import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendCodeWithSes } from '../../src/triggers/delivery/ses.ts';
import { createEvent } from './events.ts';

vi.mock('@aws-sdk/client-sesv2', () => {
  throw new Error("Cannot find package '@aws-sdk/client-sesv2'");
});

describe('sendCodeWithSes without @aws-sdk/client-sesv2', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('rejects with what to install, every time it is asked', async () => {
    vi.stubEnv('CUSTOM_AUTH_SENDER_EMAIL', 'no-reply@example.com');
    const input = { destination: 'alice@example.com', code: '123456', event: createEvent([]) };
    const message =
      /needs the optional package @aws-sdk\/client-sesv2\. Install it \(npm install @aws-sdk\/client-sesv2\)/;
    await expect(sendCodeWithSes(input)).rejects.toThrow(message);
    await expect(sendCodeWithSes(input)).rejects.toThrow(message);
  });
});
