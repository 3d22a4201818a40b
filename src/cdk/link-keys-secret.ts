import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The secret that holds the keys magic links are signed with, generated at deploy as one key
 * in JSON (`{"id":"k1","secret":"<64 letters and digits>"}`), which the handlers read as
 * `linkKeysFromSecretsManager` does. Its value never appears in the template.
 */
export function linkKeysSecret(scope: Construct): Secret {
  const secret = new Secret(scope, 'LinkKeys', {
    description:
      'Keys that sign magic links (cognito-custom-auth): {"id","secret"}, or a list of them, newest first.',
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ id: 'k1' }),
      generateStringKey: 'secret',
      passwordLength: 64,
      excludePunctuation: true,
    },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions::AwsSolutions-SMG4',
    reason:
      'Rotation keeps the old key beside the new one while its links live, which a Secrets Manager rotation function cannot know: docs/deploying.md gives the steps, with no link broken.',
  });
  return secret;
}
