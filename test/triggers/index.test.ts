import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type {
  CreateAuthChallengeTriggerHandler,
  DefineAuthChallengeTriggerHandler,
  VerifyAuthChallengeResponseTriggerHandler,
} from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as triggers from '../../src/triggers/index.ts';
import { createEvent, defineEvent, srpA, verifyEvent } from './events.ts';

const sourceDir = resolve(import.meta.dirname, '../../src/triggers');
const sharedDir = resolve(import.meta.dirname, '../../src/shared');
const challengesDir = resolve(import.meta.dirname, '../../src/challenges');
/** A challenge type's files the triggers may use: its protocol and its server side. */
const challengeServerFile = /[/\\](protocols?|[a-z-]*step)\.ts$|[/\\]server[/\\]/;

function importedModules(file: string): string[] {
  const source = readFileSync(join(sourceDir, file), 'utf8');
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    ([, name]) => name ?? '',
  );
}

describe('the ./triggers entry', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('exports the factories, the ready handlers and the masking helpers', () => {
    const exported: Record<string, unknown> = { ...triggers };
    for (const name of [
      'createDefineAuthChallenge',
      'createCreateAuthChallenge',
      'createVerifyAuthChallengeResponse',
      'defineAuthChallenge',
      'createAuthChallenge',
      'verifyAuthChallengeResponse',
      'maskEmail',
      'maskPhoneNumber',
      'maskDestination',
      'sendCodeWithSes',
    ]) {
      expect(exported[name], name).toBeTypeOf('function');
    }
  });

  it('ready handlers fit the aws-lambda handler types', () => {
    const define: DefineAuthChallengeTriggerHandler = triggers.defineAuthChallenge;
    const create: CreateAuthChallengeTriggerHandler = triggers.createAuthChallenge;
    const verify: VerifyAuthChallengeResponseTriggerHandler = triggers.verifyAuthChallengeResponse;
    expect([define, create, verify]).toHaveLength(3);
  });

  it('defineAuthChallenge is passwordless when CUSTOM_AUTH_FLOW is unset', async () => {
    vi.stubEnv('CUSTOM_AUTH_FLOW', undefined);
    const event = await triggers.defineAuthChallenge(defineEvent([srpA]));
    expect(event.response.challengeName).toBe('CUSTOM_CHALLENGE');
  });

  it('defineAuthChallenge takes its flow from CUSTOM_AUTH_FLOW', async () => {
    vi.stubEnv('CUSTOM_AUTH_FLOW', 'passwordThenCode');
    const event = await triggers.defineAuthChallenge(defineEvent([srpA]));
    expect(event.response.challengeName).toBe('PASSWORD_VERIFIER');
    const empty = await triggers.defineAuthChallenge(defineEvent([]));
    expect(empty.response.failAuthentication).toBe(true);
  });

  it('defineAuthChallenge refuses a CUSTOM_AUTH_FLOW that names no flow', async () => {
    vi.stubEnv('CUSTOM_AUTH_FLOW', 'passwordThenCod');
    await expect(triggers.defineAuthChallenge(defineEvent([srpA]))).rejects.toThrow(
      'CUSTOM_AUTH_FLOW must be one of passwordless, passwordThenCode, either, got passwordThenCod.',
    );
  });

  it('createAuthChallenge sends through SES by default, so it needs the sender address', async () => {
    vi.stubEnv('CUSTOM_AUTH_SENDER_EMAIL', '');
    await expect(triggers.createAuthChallenge(createEvent([]))).rejects.toThrow(
      /CUSTOM_AUTH_SENDER_EMAIL/,
    );
  });

  it('verifyAuthChallengeResponse checks the answer', async () => {
    const event = await triggers.verifyAuthChallengeResponse(
      verifyEvent('123456', { answer: '123456' }),
    );
    expect(event.response.answerCorrect).toBe(true);
  });

  it('imports nothing from React, Amplify or the statechart, only the shared definitions', () => {
    const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    expect(files).toContain('index.ts');
    const allowed = [sourceDir, sharedDir].map((dir) => dir + sep);
    const isAllowed = (path: string) =>
      allowed.some((dir) => path.startsWith(dir)) ||
      (path.startsWith(challengesDir + sep) && challengeServerFile.test(path));
    for (const file of files) {
      const forbidden = importedModules(file).filter((name) =>
        name.startsWith('.')
          ? !isAllowed(resolve(sourceDir, dirname(file), name))
          : /react|amplify|machine/.test(name),
      );
      expect(forbidden, file).toEqual([]);
    }
  });
});
