import type { Decorator, Preview } from '@storybook/react-vite';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import '../src/components/styles.css';

export type Theme = 'light' | 'dark' | 'system';

const backdrop: Record<Theme, string | undefined> = {
  light: '#ffffff',
  dark: '#0b0d10',
  system: undefined,
};

/**
 * The drop-in has no theme prop: its stylesheet reads `data-theme` on the `.cca-root`
 * element, so the frame sets it there, and again whenever a screen remounts the root.
 */
function ThemeFrame({ theme, children }: { theme: Theme; children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    const apply = () => {
      for (const root of element.querySelectorAll('.cca-root')) {
        if (theme === 'system') root.removeAttribute('data-theme');
        else root.setAttribute('data-theme', theme);
      }
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [theme]);
  return (
    <div ref={frame} data-story-theme={theme} style={{ background: backdrop[theme], padding: 1 }}>
      {children}
    </div>
  );
}

const withTheme: Decorator = (Story, { globals }) => (
  <ThemeFrame theme={(globals.theme as Theme | undefined) ?? 'light'}>
    <Story />
  </ThemeFrame>
);

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour theme of the drop-in',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'system', title: 'Follow the system' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
    layout: 'fullscreen',
  },
};

export default preview;
