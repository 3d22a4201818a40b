import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AnswerPartOption } from '../../components/challenge/answer-part.ts';
import {
  en,
  format,
  type Locale,
  type MessageOverrides,
  type Messages,
  resolveMessages,
} from '../../components/messages/index.ts';
import type { CustomAuthServices } from '../../machine/services.ts';
import { type CustomAuth, useCustomAuth } from '../../react/index.ts';
import { passkeysSupported } from './client.ts';
import {
  newStepUp,
  type PasskeyManagement,
  passkeyManagement,
  type StepUp,
  signedInClient,
  stepUpServices,
} from './management-client.ts';
import { passkeyPart } from './PasskeyChallenge.tsx';
import type { PasskeyView } from './protocol.ts';
import { StepUpSignIn } from './StepUpSignIn.tsx';

/**
 * The manager's English, under the locale's words: `en` leaves it out, so that apps without
 * it do not ship it.
 */
export const passkeyManagerEnglish = {
  passkeysTitle: 'Passkeys',
  passkeysNone: 'You have no passkeys yet.',
  passkeyAdd: 'Add a passkey',
  passkeyRemove: 'Remove',
  passkeyCreated: 'Created {date}',
  passkeyLastUsed: 'last used {date}',
  passkeyNeverUsed: 'never used',
  passkeySynced: 'synced across your devices',
  passkeyDeviceBound: 'on this device only',
  passkeyStepUpTitle: 'Confirm it’s you',
  passkeyStepUpAgain: 'Try again',
  passkeyCancel: 'Cancel',
  passkeyAdded: 'Passkey added.',
  passkeyRemoved: 'Passkey removed.',
  passkeysFailed: 'That did not work. Try again.',
} satisfies Partial<Messages>;

type Word = keyof typeof passkeyManagerEnglish;

const wordOf = (messages: Messages, key: Word) => messages[key] ?? passkeyManagerEnglish[key];

export interface PasskeyManagerProps {
  /** Where `passkeyManagementHandler` answers (the local pool's `passkeyManagementUrl`). */
  url: string;
  locale?: Locale;
  messages?: MessageOverrides;
  /** Answer parts for the step-up's rounds, over the kit's (the passkey's by default). */
  challenges?: Readonly<Record<string, AnswerPartOption>>;
  /** Replaces the calls to the handler (stories, tests, a backend of your own). */
  management?: PasskeyManagement;
}

type Change = { kind: 'add' } | { kind: 'remove'; id: string };

/** A change waiting on its step-up, with the services of the step-up's own sign-in. */
interface StepUpRun {
  change: Change;
  stepUp: StepUp;
  /** Made once per run: they hold the sign-in's Cognito session between its calls. */
  services: Partial<CustomAuthServices>;
}

const selectUsername = ({ user }: CustomAuth) => user?.username ?? '';

function usePasskeyList(management: PasskeyManagement) {
  const [passkeys, setPasskeys] = useState<PasskeyView[] | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(
    () =>
      management.list().then(
        (list) => {
          setPasskeys(list);
          setFailed(false);
        },
        () => setFailed(true),
      ),
    [management],
  );
  useEffect(() => {
    reload();
  }, [reload]);
  return { passkeys, failed, reload };
}

/**
 * The signed-in user's passkeys, for the signed-in area (opt-in): each with when it was made
 * and last used, and whether it is synced or bound to one device; "Add a passkey" and
 * "Remove". A change first asks the user to sign in again (a step-up, with the drop-in's
 * screens), so a stolen session alone changes nothing.
 */
export function PasskeyManager(props: PasskeyManagerProps) {
  const { url, locale = en, messages: overrides, challenges } = props;
  const messages = useMemo(() => resolveMessages(locale, overrides), [locale, overrides]);
  const management = useMemo(
    () => props.management ?? passkeyManagement({ url }),
    [props.management, url],
  );
  const username = useCustomAuth(selectUsername);
  const { passkeys, failed, reload } = usePasskeyList(management);
  const [run, setRun] = useState<StepUpRun | null>(null);
  const [status, setStatus] = useState('');
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Back from a step-up, the button that started it is gone: focus goes to the list's heading,
  // and the status under it is read out.
  useEffect(() => {
    if (status) heading.current?.focus();
  }, [status]);
  const word = (key: Word) => wordOf(messages, key);
  const dateOf = (time: number) =>
    new Intl.DateTimeFormat(messages.lang, { dateStyle: 'medium' }).format(time);
  const words = useMemo(
    () => ({
      title: wordOf(messages, 'passkeyStepUpTitle'),
      tryAgain: wordOf(messages, 'passkeyStepUpAgain'),
      cancel: wordOf(messages, 'passkeyCancel'),
    }),
    [messages],
  );
  const cancel = useCallback(() => setRun(null), []);
  const begin = async (change: Change) => {
    setStatus('');
    try {
      const stepUp = await newStepUp();
      setRun({ change, stepUp, services: stepUpServices(stepUp, await signedInClient()) });
    } catch {
      setStatus(word('passkeysFailed'));
    }
  };
  const finish = async ({ change, stepUp }: StepUpRun) => {
    setRun(null);
    try {
      if (change.kind === 'add') await management.add(stepUp);
      else await management.remove(change.id, stepUp);
      setStatus(word(change.kind === 'add' ? 'passkeyAdded' : 'passkeyRemoved'));
    } catch {
      setStatus(word('passkeysFailed'));
    }
    await reload();
  };
  if (run) {
    return (
      <StepUpSignIn
        username={username}
        services={run.services}
        words={words}
        challenges={challenges ?? { passkey: passkeyPart }}
        locale={locale}
        messages={overrides}
        onDone={() => finish(run)}
        onCancel={cancel}
      />
    );
  }
  return (
    <section data-part="passkeys" aria-labelledby={titleId} lang={messages.lang} dir={messages.dir}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {word('passkeysTitle')}
      </h2>
      <p data-part="status" role="status">
        {failed ? word('passkeysFailed') : status}
      </p>
      {passkeys?.length === 0 && <p>{word('passkeysNone')}</p>}
      {passkeys && passkeys.length > 0 && (
        <ul>
          {passkeys.map((passkey) => (
            <li key={passkey.id}>
              <span id={`${titleId}-${passkey.id}`}>
                {[
                  passkey.provider,
                  format(word('passkeyCreated'), { date: dateOf(passkey.createdAt) }),
                  word(passkey.synced ? 'passkeySynced' : 'passkeyDeviceBound'),
                  passkey.lastUsedAt === null
                    ? word('passkeyNeverUsed')
                    : format(word('passkeyLastUsed'), { date: dateOf(passkey.lastUsedAt) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>{' '}
              <button
                type="button"
                data-part="link"
                aria-describedby={`${titleId}-${passkey.id}`}
                onClick={() => begin({ kind: 'remove', id: passkey.id })}
              >
                {word('passkeyRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {passkeysSupported() && (
        <button type="button" data-part="submit" onClick={() => begin({ kind: 'add' })}>
          {word('passkeyAdd')}
        </button>
      )}
    </section>
  );
}
