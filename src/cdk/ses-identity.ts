import type { Stack } from 'aws-cdk-lib';

/** One address, as SES takes it as an identity: a local part and a domain, no spaces. */
const emailAddress = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/;

/**
 * The SES identities an address may be verified as: the address itself, or its domain.
 * Sending is allowed from those two alone.
 */
export function sesIdentityArns(senderEmail: string, stack: Stack): string[] {
  const domain = emailAddress.exec(senderEmail)?.[1];
  if (!domain) {
    throw new Error(
      `senderEmail must be one email address, such as no-reply@example.com; got "${senderEmail}".`,
    );
  }
  return [senderEmail, domain].map((identity) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
  );
}
