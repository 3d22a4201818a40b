import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { CodeInput, type CodeInputProps } from '../src/index.ts';

/** CodeInput is controlled; the story keeps its value. */
function ControlledCodeInput(props: CodeInputProps) {
  const [value, setValue] = useState(props.value);
  return (
    <div className="cca-root">
      <CodeInput
        {...props}
        value={value}
        onChange={(next) => {
          setValue(next);
          props.onChange(next);
        }}
      />
    </div>
  );
}

const meta = {
  title: 'Parts/CodeInput',
  component: CodeInput,
  tags: ['autodocs'],
  render: (args) => <ControlledCodeInput {...args} />,
  args: {
    label: 'Code',
    value: '',
    length: 6,
    help: 'Paste or type the code; it is sent when complete.',
    onChange: fn(),
    onComplete: fn(),
  },
} satisfies Meta<typeof CodeInput>;

export default meta;
type Story = StoryObj<typeof meta>;

export const PasteWithSpacesAndDashes: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Code' });
    expect(input).toHaveAccessibleDescription('Paste or type the code; it is sent when complete.');
    await userEvent.click(input);
    await userEvent.paste(' 123-456 ');
    expect(input).toHaveValue('123456');
    expect(args.onComplete).toHaveBeenCalledOnce();
    expect(args.onComplete).toHaveBeenCalledWith('123456');
  },
};

export const Invalid: Story = {
  args: { value: '12', invalid: true, errorId: 'code-error' },
  render: (args) => (
    <div className="cca-root">
      <CodeInput {...args} />
      <p id="code-error" role="alert">
        That code is not right.
      </p>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Code' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(/That code is not right\./);
  },
};

export const Alphanumeric: Story = {
  args: { numeric: false, length: 8 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox', { name: 'Code' });
    expect(input).toHaveAttribute('inputmode', 'text');
    await userEvent.type(input, 'ab12-cd34');
    expect(input).toHaveValue('ab12cd34');
  },
};

/** As wide as its code, every digit in view; a field of no set length spans the form. */
export const SizedForItsCode: Story = {
  render: (args) => (
    <div className="cca-root">
      <CodeInput {...args} label="Six digits" length={6} value="888888" />
      <CodeInput {...args} label="Eight digits" length={8} value="88888888" />
      <CodeInput {...args} label="Answer" length={undefined} numeric={false} value="" />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const six = canvas.getByRole('textbox', { name: 'Six digits' });
    const eight = canvas.getByRole('textbox', { name: 'Eight digits' });
    const free = canvas.getByRole('textbox', { name: 'Answer' });
    for (const code of [six, eight]) {
      // Nothing scrolled out of view: the field holds the whole code.
      expect(code.scrollWidth).toBeLessThanOrEqual(code.clientWidth);
    }
    expect(six.offsetWidth).toBeLessThan(eight.offsetWidth);
    expect(eight.offsetWidth).toBeLessThan(free.offsetWidth);
  },
};
