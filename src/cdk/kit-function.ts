import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type Code,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** What every function of the kit is made with. */
export interface KitFunctionSettings {
  code: Code;
  runtime?: Runtime;
  logRetention?: RetentionDays;
}

const defaultRuntimeAcknowledgement = {
  id: 'AwsSolutions::AwsSolutions-L1',
  reason:
    'Node.js 24 (LTS, on Lambda until 2028) by default: a new major reaches every region later than CDK lists it. Pass `runtime` to choose another.',
};

/**
 * One function of the shipped bundle (`index.<handler>`) on arm64, with a role of its own
 * that may write only to its own log group: no managed policy with logs:* on every group.
 */
export function kitFunction(
  scope: Construct,
  id: string,
  handler: string,
  environment: Record<string, string>,
  settings: KitFunctionSettings,
  timeoutSeconds = 5,
): LambdaFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: settings.logRetention ?? RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
  });
  logGroup.grantWrite(role);
  const fn = new LambdaFunction(scope, id, {
    runtime: settings.runtime ?? Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    handler: `index.${handler}`,
    code: settings.code,
    environment,
    role,
    logGroup,
    memorySize: 256,
    // Cognito waits 5 seconds for a trigger.
    timeout: Duration.seconds(timeoutSeconds),
  });
  if (!settings.runtime) Validations.of(fn).acknowledge(defaultRuntimeAcknowledgement);
  return fn;
}
