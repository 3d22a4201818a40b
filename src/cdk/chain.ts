import { sendsSms } from '../challenges/code/deployed-step.ts';
import {
  checkedParty,
  PASSKEYS_VARIABLE,
  type PasskeySettings,
} from '../challenges/passkey/server/deployed-party.ts';
import type { CustomAuthTriggerFlow } from '../triggers/presets/options.ts';
import { FLOW_VARIABLE } from '../triggers/presets/ready-handlers.ts';
import {
  type CustomAuthStepSpec,
  STEPS_VARIABLE,
  triggersOfSpecs,
} from '../triggers/presets/step-specs.ts';

/** What the props say of the sign-in's challenges: a flow, or a chain of steps and its passkeys. */
export interface ChainProps {
  readonly flow?: CustomAuthTriggerFlow;
  readonly steps?: readonly CustomAuthStepSpec[];
  readonly passkeys?: PasskeySettings;
}

/** The chain the handlers run, as their environment names it, and what it needs deployed. */
export interface DeployedChain {
  variables: Record<string, string>;
  /** A step mails sign-in links, so the functions need the link keys' secret. */
  needsLinkKeys: boolean;
  /** A step sends codes by SMS, so Create publishes to phones and users have a phone number. */
  sendsSms: boolean;
  /** Every user must have a phone number: a step sends by SMS with no choice of email. */
  needsPhone: boolean;
  /**
   * The passkey settings as the functions read them, when passkeys are on: they live in the
   * table, and two functions serve the pages.
   */
  passkeys?: string;
}

const passkeyTypes: ReadonlySet<string> = new Set(['passkey', 'passkeyEnrollment']);

/**
 * The chain of the props, checked as the handlers will check it, so that a chain they would
 * refuse fails the synth rather than every sign-in.
 */
export function deployedChain({ flow, steps, passkeys }: ChainProps): DeployedChain {
  if (passkeys !== undefined && !steps?.some((step) => passkeyTypes.has(step.type))) {
    throw new Error(
      'passkeys are set, but no step uses them: add a passkey or passkeyEnrollment step to steps.',
    );
  }
  if (steps === undefined) {
    return {
      variables: { [FLOW_VARIABLE]: flow ?? 'passwordless' },
      needsLinkKeys: false,
      sendsSms: false,
      needsPhone: false,
    };
  }
  if (flow !== undefined) {
    throw new Error('Give flow or steps, not both: a chain of steps names its flow itself.');
  }
  // Through JSON, as the functions receive it: what does not survive it is not deployed.
  const json = JSON.stringify(steps);
  const passkeysJson = passkeys && JSON.stringify(passkeys);
  const party = passkeysJson ? checkedParty(JSON.parse(passkeysJson)) : undefined;
  triggersOfSpecs(JSON.parse(json), { passkeys: party });
  return {
    variables: {
      [STEPS_VARIABLE]: json,
      ...(passkeysJson ? { [PASSKEYS_VARIABLE]: passkeysJson } : {}),
    },
    needsLinkKeys: steps.some((step) => step.type === 'magicLink'),
    sendsSms: steps.some((step) => step.type === 'code' && sendsSms(step)),
    needsPhone: steps.some((step) => step.type === 'code' && step.deliver === 'sms'),
    passkeys: passkeysJson,
  };
}
