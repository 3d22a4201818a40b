import type { CustomAuthFlow } from '../src/index.ts';
import type {
  ChainStepName,
  ExtraClientOptions,
  LocalPoolOptions,
} from '../src/local-pool/index.ts';

/** A way to sign in that the demo's switch offers. */
export interface DemoFlow {
  id: string;
  label: string;
  /** The client's side: with or without a password first. */
  flow: CustomAuthFlow;
  /** The triggers' chain, run for an app client of its own in the local pool. */
  chain?: readonly ChainStepName[];
  /** Offer passkeys in the username field's autofill: the chain starts with a passkey. */
  passkeyAutofill?: boolean;
  /** Show the user's passkeys once signed in: the chain grants step-ups. */
  passkeys?: boolean;
}

export const demoFlows: readonly DemoFlow[] = [
  { id: 'passwordless', label: 'Passwordless (code only)', flow: 'passwordless' },
  { id: 'passwordThenCode', label: 'Password, then code', flow: 'passwordThenCode' },
  {
    id: 'codeByChoice',
    label: 'Choose email or SMS, then code',
    flow: 'passwordless',
    chain: ['codeByChoice'],
  },
  {
    id: 'codeThenQuestion',
    label: 'Code, then a security question',
    flow: 'passwordless',
    chain: ['code', 'question'],
  },
  {
    id: 'captchaThenCode',
    label: 'Local CAPTCHA, then code',
    flow: 'passwordless',
    chain: ['captcha', 'code'],
  },
  {
    id: 'magicLink',
    label: 'A link by email (or the code in it)',
    flow: 'passwordless',
    chain: ['magicLink'],
  },
  {
    id: 'codeThenPasskey',
    label: 'Code, then the offer of a passkey',
    flow: 'passwordless',
    chain: ['code', 'passkeyEnrollment'],
    passkeys: true,
  },
  {
    id: 'passkeyOrCode',
    label: 'A passkey, or a code (then the offer of one)',
    flow: 'passwordless',
    chain: ['passkeyOrCode', 'passkeyEnrollment'],
    passkeys: true,
  },
  {
    id: 'passkeyAutofill',
    label: 'A passkey from the browser’s autofill, or a code',
    flow: 'passwordless',
    chain: ['passkeyOrCode', 'passkeyEnrollment'],
    passkeyAutofill: true,
    passkeys: true,
  },
  {
    id: 'passwordCodeQuestion',
    label: 'Password, code, then a security question',
    flow: 'passwordThenCode',
    chain: ['password', 'code', 'question'],
  },
];

/** The app client whose sign-ins run the flow's chain. */
export const clientIdOf = (flow: DemoFlow) => `demo+${flow.id}`;

/**
 * The local pool the demo (and its end-to-end test) runs against: the presets on the main
 * client, `either` following the client, and each chain on an app client of its own.
 */
export const demoPoolOptions: LocalPoolOptions = {
  flow: 'either',
  extraClients: demoFlows.flatMap((flow): ExtraClientOptions[] =>
    flow.chain
      ? [
          {
            clientId: clientIdOf(flow),
            clientName: flow.id,
            explicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            flow: flow.chain,
          },
        ]
      : [],
  ),
};
