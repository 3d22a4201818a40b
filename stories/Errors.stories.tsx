import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CustomAuthenticator, signUpWithAmplify } from '../src/index.ts';
import {
  cognitoError,
  fakePool,
  networkError,
  never,
  rightCode,
  signInFails,
  wrongCode,
} from '../test/support/fake-backend.ts';

const meta = {
  title: 'CustomAuthenticator/Errors',
  component: CustomAuthenticator,
  tags: ['autodocs'],
  args: { signUp: signUpWithAmplify, services: fakePool() },
  argTypes: {
    signUp: { control: false },
    services: { control: false },
    children: { control: false },
  },
} satisfies Meta<typeof CustomAuthenticator>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Signing in as alice meets `error`; the alert says `text` and marks `field`, if any. */
function signInError(error: Error, text: string, field?: 'Username' | 'Password'): Story {
  return {
    args: {
      flow: field === 'Password' ? 'passwordThenCode' : 'passwordless',
      services: signInFails(error),
    },
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      await userEvent.type(await canvas.findByLabelText('Username'), 'alice');
      if (field === 'Password') await userEvent.type(canvas.getByLabelText('Password'), 'hunter2');
      await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
      const alert = await canvas.findByRole('alert');
      expect(alert).toHaveTextContent(text);
      if (field) {
        const input = canvas.getByLabelText(field);
        expect(input).toHaveAttribute('aria-invalid', 'true');
        expect(input).toHaveAccessibleDescription(text);
      }
      expect(canvas.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    },
  };
}

/**
 * Signing up as bob, with a password the default rules take, meets `error`: `text` shows under
 * `field` when the error is about one, else in the form's alert.
 */
function signUpError(error: Error, text: string, field?: string): Story {
  return {
    args: {
      initialRoute: 'signUp',
      signUpPassword: true,
      services: fakePool({
        signUp: async () => {
          throw error;
        },
      }),
    },
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      await userEvent.type(await canvas.findByLabelText('Username'), 'bob');
      await userEvent.type(canvas.getByLabelText('Password'), 'Long-enough-1');
      await userEvent.type(canvas.getByLabelText('Email'), 'bob@example.com');
      await userEvent.click(canvas.getByRole('button', { name: 'Create account' }));
      if (!field) {
        expect(await canvas.findByRole('alert')).toHaveTextContent(text);
        return;
      }
      const input = canvas.getByLabelText(field);
      await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
      expect(input).toHaveAccessibleDescription(expect.stringContaining(text));
    },
  };
}

export const WrongPassword = signInError(
  cognitoError('NotAuthorizedException', 'Incorrect username or password.'),
  'Incorrect username or password.',
  'Password',
);

export const UserNotFound = signInError(
  cognitoError('UserNotFoundException', 'User does not exist.'),
  'No account was found for that username.',
  'Username',
);

export const TooManyRequests = signInError(
  cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.'),
  'Too many attempts. Wait a while and try again.',
);

export const TriggerFailed = signInError(
  cognitoError('UserLambdaValidationException', 'CreateAuthChallenge failed with error boom.'),
  'The sign-in service rejected the request.',
);

/**
 * A Define written for the Amplify CLI boilerplate fails the passwordless start: the user is
 * not told their password is wrong (there is none), and the console says what to change.
 */
export const DefineExpectsSrpAPasswordless = signInError(
  cognitoError('NotAuthorizedException', 'Incorrect username or password.'),
  'Sign-in is not set up correctly for this app. Contact its support.',
);

/** The same Define with a password: Amplify cannot follow CUSTOM_CHALLENGE after SRP_A. */
export const DefineExpectsSrpAWithPassword: Story = {
  args: {
    flow: 'passwordThenCode',
    services: signInFails(
      cognitoError(
        'EmptyUserIdForSRPException',
        'USER_ID_FOR_SRP was not found in challengeParameters',
      ),
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice');
    await userEvent.type(canvas.getByLabelText('Password'), 'hunter2');
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in' }));
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Sign-in is not set up correctly for this app. Contact its support.',
    );
    expect(canvas.getByLabelText('Password')).not.toHaveAttribute('aria-invalid');
  },
};

export const NetworkErrorByName = signInError(
  cognitoError('NetworkError', 'Network error'),
  'Cannot reach the sign-in service. Check your connection.',
);

export const Offline = signInError(
  networkError(),
  'Cannot reach the sign-in service. Check your connection.',
);

/** A call that does not answer gives up (after 15 s; 1 s here), and the button retries. */
export const NoAnswer: Story = {
  args: { services: fakePool({ signIn: never }), callTimeoutMs: 1_000 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
    await canvas.findByRole('button', { name: 'Signing in…' });
    expect(await canvas.findByRole('alert', {}, { timeout: 3_000 })).toHaveTextContent(
      'Cannot reach the sign-in service. Check your connection.',
    );
    const button = canvas.getByRole('button', { name: 'Sign in' });
    expect(button).toHaveFocus();
    expect(canvas.getByLabelText('Username')).toHaveValue('alice');
  },
};

export const UnknownErrorKeepsItsMessage = signInError(
  cognitoError('InternalErrorException', 'The service is down for maintenance.'),
  'The service is down for maintenance.',
);

export const UnsupportedStep: Story = {
  args: {
    services: fakePool({
      signIn: async () => ({
        type: 'unsupported',
        signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION',
      }),
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'This sign-in step is not supported.',
    );
  },
};

export const SessionCheckFailed: Story = {
  args: {
    services: fakePool({
      getCurrentUser: async () => {
        throw networkError();
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('form', { name: 'Sign in' });
    expect(canvas.getByRole('alert')).toHaveTextContent(
      'Cannot reach the sign-in service. Check your connection.',
    );
  },
};

export const UsernameExists = signUpError(
  cognitoError('UsernameExistsException', 'User already exists'),
  'An account with that username already exists.',
  'Username',
);

/** The pool's rules are stricter than the ones the form knows: the dictionary words the refusal. */
export const InvalidPassword = signUpError(
  cognitoError(
    'InvalidPasswordException',
    'Password did not conform with policy: Password not long enough',
  ),
  'That password does not meet the requirements.',
  'Password',
);

export const InvalidParameter = signUpError(
  cognitoError('InvalidParameterException', 'Invalid email address format.'),
  'Invalid email address format.',
);

export const CodeMismatchOnChallenge: Story = {
  args: {
    services: fakePool({
      confirmSignIn: async (answer) => {
        if (answer === rightCode) return { type: 'done', user: { username: 'alice', userId: '1' } };
        throw cognitoError('CodeMismatchException', 'Invalid code received for user');
      },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Username'), 'alice{Enter}');
    await userEvent.type(await canvas.findByLabelText('Code'), wrongCode);
    expect(await canvas.findByRole('alert')).toHaveTextContent(
      'That confirmation code is not right.',
    );
    expect(canvas.getByRole('form', { name: 'Enter your code' })).toBeVisible();
  },
};
