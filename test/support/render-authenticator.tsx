import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import {
  CustomAuthenticator,
  type CustomAuthenticatorProps,
  signUpWithAmplify,
} from '../../src/index.ts';
import { type FakeServices, fakeServices } from './fake-services.ts';

/** The drop-in under StrictMode, driven by fake services, with a user-event session. */
export function renderAuthenticator(
  props: Partial<CustomAuthenticatorProps> = {},
  services: FakeServices = fakeServices(),
) {
  const user = userEvent.setup();
  const view = render(
    <StrictMode>
      <CustomAuthenticator services={services} signUp={signUpWithAmplify} {...props} />
    </StrictMode>,
  );
  return { ...view, user, services };
}
