/**
 * How every browser run starts Chromium: Debian's build by default (CHROMIUM_PATH elsewhere),
 * headless, as root, with nothing that reaches out to the network on its own.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
