import type { PoolFlow } from '../sign-in/built-in-triggers.ts';
import { type ExplicitAuthFlow, parseExplicitAuthFlows } from './explicit-auth-flows.ts';

/** Another app client of the pool: its own id, name and explicit auth flows. */
export interface ExtraClientOptions {
  /** Letters, digits, `_` and `+`, as Cognito's client ids. */
  clientId: string;
  /** Default `local-client-<n>`. */
  clientName?: string;
  explicitAuthFlows: readonly ExplicitAuthFlow[];
  /**
   * The built-in triggers' flow for sign-ins through this client (they read the client id
   * from the event, as triggers on AWS can). Default the pool's `flow`.
   */
  flow?: PoolFlow;
}

/** One app client of the pool, as DescribeUserPoolClient tells it apart from the others. */
export interface AppClient {
  clientId: string;
  clientName: string;
  explicitAuthFlows: readonly ExplicitAuthFlow[];
}

/** The main client first, then the others; throws on a malformed or repeated id. */
export function appClients(main: AppClient, extras: readonly ExtraClientOptions[]): AppClient[] {
  const clients = [
    main,
    ...extras.map((extra, index) => ({
      clientId: extra.clientId,
      clientName: extra.clientName ?? `local-client-${index + 2}`,
      explicitAuthFlows: parseExplicitAuthFlows(extra.explicitAuthFlows),
    })),
  ];
  const seen = new Set<string>();
  for (const { clientId } of clients) {
    if (!/^[\w+]{1,128}$/.test(clientId)) {
      throw new Error(
        `An app client id is letters, digits, _ and +, not ${JSON.stringify(clientId)}.`,
      );
    }
    if (seen.has(clientId)) throw new Error(`Two app clients have the id ${clientId}.`);
    seen.add(clientId);
  }
  return clients;
}
