import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody } from './errors.js';
import type { FaultRegistry } from './faults.js';
import type { SimulatorState, UserRecord } from './state/model.js';
import type { StatsRecorder } from './stats.js';
import type { TokenStore } from './tokens.js';
import type {
  ClientRegistration,
  SimulatorClock,
  WebhookControl,
  WebhookDelivery,
} from './types.js';

/** The signed-in caller of an API request, set by the guard. */
export interface Session {
  user: UserRecord;
  clientId: string;
  readOnly: boolean;
}

/** Hono's environment for the simulator's app. */
export interface SimEnv {
  /** Present when served by @hono/node-server; needed to drop connections. */
  Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse };
  Variables: {
    session: Session | undefined;
    /** The error body of a failed request, for the audit log of rejected writes. */
    apiError: ApiErrorBody | undefined;
    /** Set when a fault destroyed the connection. */
    dropped: boolean | undefined;
    /** The simulator's default page size (see `SimulatorOptions.pageSize`). */
    pageSize: number | undefined;
  };
}

/** A user who can sign in. */
export interface Credential {
  userId: number;
  password: string;
  readOnly: boolean;
}

/** Everything the routes share: the one object passed to each route module. */
export interface Sim {
  state: SimulatorState;
  clock: SimulatorClock;
  stats: StatsRecorder;
  faults: FaultRegistry;
  tokens: TokenStore;
  webhooks: WebhookControl;
  /** Client ids by id. */
  clients: Map<string, ClientRegistration>;
  /** Credentials by lower-cased user name. */
  credentials: Map<string, Credential>;
  tokenTtlSeconds: number;
  maxBodyBytes: number;
  pageSize: number | undefined;
  admin: boolean;
  adminKey: string;
  /** Restores the seeded data, clears faults and stats. */
  reset(): void;
  /** Creates new billing data and delivers the webhook. */
  generateBilling(): Promise<WebhookDelivery[]>;
}
