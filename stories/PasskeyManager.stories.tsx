import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import {
  CustomAuthenticator,
  type PasskeyManagement,
  PasskeyManager,
  type PasskeyView,
} from '../src/index.ts';
import { alice, fakePool } from '../test/support/fake-backend.ts';

const day = 24 * 60 * 60_000;
// Noon, so that the dates read the same in every time zone but the farthest.
const made = Date.UTC(2026, 10, 2, 12);

/** The handler's answers, kept here: nothing leaves the story. */
const fakeManagement = (passkeys: PasskeyView[]): PasskeyManagement => ({
  list: async () => passkeys,
  add: async () => {
    throw new Error('Not in a story.');
  },
  remove: async () => {},
});

const meta = {
  title: 'CustomAuthenticator/Passkey manager',
  component: PasskeyManager,
  tags: ['autodocs'],
  args: { url: 'https://passkeys.example.com/', management: fakeManagement([]) },
  argTypes: { management: { control: false } },
  // Signed in, in the drop-in's signed-in area, as an app puts it.
  render: (args) => (
    <CustomAuthenticator services={fakePool({}, { signedInAs: alice })}>
      <PasskeyManager {...args} />
    </CustomAuthenticator>
  ),
} satisfies Meta<typeof PasskeyManager>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Each passkey: who keeps it, when it was made and last used, synced or bound to its device. */
export const TwoPasskeys: Story = {
  args: {
    management: fakeManagement([
      {
        id: 'synced',
        provider: 'Google Password Manager',
        createdAt: made,
        lastUsedAt: made + 3 * day,
        synced: true,
        deviceBound: false,
      },
      {
        id: 'key',
        provider: null,
        createdAt: made + day,
        lastUsedAt: null,
        synced: false,
        deviceBound: true,
      },
    ]),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('region', { name: 'Passkeys' });
    const items = await within(list).findAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Google Password Manager · Created Nov 2, 2026 · synced across your devices · last used Nov 5, 2026 Remove',
      'Created Nov 3, 2026 · on this device only · never used Remove',
    ]);
    const remove = within(list).getAllByRole('button', { name: 'Remove' });
    expect(remove[1]).toHaveAccessibleDescription(
      'Created Nov 3, 2026 · on this device only · never used',
    );
  },
};

export const NoPasskeys: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByText('You have no passkeys yet.')).toBeVisible();
  },
};

/** A list that cannot be read says so, and the page goes on. */
export const ListFailed: Story = {
  args: {
    management: {
      ...fakeManagement([]),
      list: async () => {
        throw new Error('offline');
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByText('That did not work. Try again.')).toBeVisible();
  },
};
