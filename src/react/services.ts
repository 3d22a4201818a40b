import { amplifyServices, type CustomAuthServices } from '../machine/index.ts';

/**
 * Services that always call the latest replacement the app passed, falling back to Amplify,
 * so an inline `services={{ ... }}` object never restarts the statechart.
 */
export function latestServices(
  current: () => Partial<CustomAuthServices> | undefined,
): CustomAuthServices {
  const latest =
    (name: keyof CustomAuthServices) =>
    (...args: never[]) =>
      ((current()?.[name] ?? amplifyServices[name]) as (...args: never[]) => unknown)(...args);
  return Object.fromEntries(
    Object.keys(amplifyServices).map((name) => [name, latest(name as keyof CustomAuthServices)]),
  ) as unknown as CustomAuthServices;
}
