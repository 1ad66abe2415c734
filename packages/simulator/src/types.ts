import type { SimulatorState } from './state/model.js';

/**
 * The simulator's notion of "now". Token expiry, job windows, audit timestamps and seed data all
 * follow it, so tests can move time instead of waiting.
 */
export interface SimulatorClock {
  /** The current simulated time. */
  now(): Date;
  /** Moves the clock forward (or backward, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps the clock to `date` (a Date or an ISO 8601 string). */
  set(date: Date | string): void;
}

/** An API client id, as created in the portal under Settings -> API access. */
export interface ClientRegistration {
  /** The client id sent as `client_id` in the token request. */
  clientId: string;
  /** The origin every request of this client must carry in its `Origin` header. */
  origin: string;
  /** Whether the refresh grant is allowed ("allow token refreshing" in the portal). */
  allowRefresh: boolean;
  /** The app name shown in the portal. */
  name?: string;
}

/** A portal user who can sign in with the password grant. */
export interface UserRegistration {
  /** The sign-in name (an e-mail address in the demo data). */
  username: string;
  /** The password for the password grant. */
  password: string;
  /** The display name returned by `/v1/me`. */
  displayName?: string;
  /** The user's home business unit; default: the seed's root (reseller) unit. */
  bunitId?: number;
  /** `admin` may write; `readonly` gets 403 on every write. Default `admin`. */
  role?: 'admin' | 'readonly';
}

/** How a fault rule fails the requests it matches. */
export type FaultMode = 'fail' | 'apply-then-fail' | 'drop' | 'apply-then-drop';

/**
 * A rule that makes matching requests slow or fail, so clients can be tested against timeouts,
 * error statuses, dropped connections and ambiguous failures (a write that was committed although
 * the client saw an error).
 */
export interface FaultRule {
  /** Set by `faults.add` when omitted; adding a rule with an existing id replaces it. */
  id?: string;
  /** HTTP method to match (case-insensitive); default any. */
  method?: string;
  /**
   * What to match: a route template in the catalog's brace form (`/v1/bunits/{bunitId}/consumers`,
   * any value in a brace segment), a concrete path (`/v1/bunits/12/consumers`), or `*` for every
   * API route (admin routes under `/_sim/` are never faulted).
   */
  path: string;
  /** Respond with this status and the API error body instead of handling the request. */
  status?: number;
  /** Headers added to the response, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>;
  /** Delay before handling (or failing) the request. */
  latencyMs?: number;
  /**
   * Probability (0..1) that a matching request is affected; default 1. Rolled with a PRNG seeded
   * from the simulator's seed, so a run with the same seed and request order is reproducible.
   */
  rate?: number;
  /** Affect only the next N matching requests, then the rule expires. */
  times?: number;
  /**
   * `fail` (default): answer with `status` (default 503) without handling; a rule with only
   * `latencyMs` and no `status` just delays. `apply-then-fail`: handle the request (commit the
   * write), then answer with `status` (default 503). `drop`: destroy the connection without a
   * response. `apply-then-drop`: commit, then destroy the connection.
   */
  mode?: FaultMode;
}

/** One delivery of the billing webhook (W1). */
export interface WebhookDelivery {
  /** The receiver's URL. */
  url: string;
  /** The receiver's final HTTP status; 0 when the delivery failed without a response. */
  status: number;
  /** When it was delivered (simulator clock, ISO 8601). */
  at: string;
  /** Why the delivery failed, when it did. */
  error?: string;
}

/** One request in the simulator's log. Never holds a bearer token, a password or a body. */
export interface RequestLogEntry {
  method: string;
  /** The concrete path, e.g. `/v1/bunits/12/consumers`. */
  path: string;
  /** The route template, e.g. `/v1/bunits/{bunitId}/consumers`, or `(unmatched)`. */
  route: string;
  /** Query parameters in order; values of names that look like secrets are redacted. */
  query: [string, string][];
  /** The response status; 0 when the connection was dropped by a fault. */
  status: number;
  origin?: string;
  /** Whether an `Authorization: Bearer` header was sent (the token itself is never kept). */
  bearer: boolean;
  userAgent?: string;
  contentType?: string;
  /** The W3C `traceparent` header, when the client sent one. */
  traceparent?: string;
}

/** Counters and logs of what the simulator served. Admin routes under `/_sim/` are not counted. */
export interface SimulatorStats {
  /** Requests per `METHOD /route/{template}`, e.g. `GET /v1/bunits/{bunitId}/consumers`. */
  requests: Record<string, number>;
  /** Successful token grants by kind, and failed token requests. */
  tokenGrants: { password: number; refresh: number; failed: number };
  /** Every billing webhook delivery. */
  webhookDeliveries: WebhookDelivery[];
  /** The last 1000 requests, oldest first. */
  log: RequestLogEntry[];
  /** Clears every counter and log. */
  reset(): void;
}

/** Options of {@link startSimulator}; every field has a default. */
export interface SimulatorOptions {
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /**
   * `demo` (default): the seeded demo reseller. `empty`: only the root unit, the users and the
   * catalog. Any other string: demo-shaped data drawn from a PRNG seeded with that string.
   */
  seed?: string;
  /**
   * Generate a fleet instead of the hand-written demo customers: `machines` machines spread over
   * `units` customer units (default one unit per 20 machines), mostly healthy, with every kind of
   * problem among them. Ignored by the `empty` seed.
   */
  fleet?: { machines: number; units?: number };
  /** Access token lifetime; default 299 s. */
  tokenTtlSeconds?: number;
  /**
   * The clock; default a real-time {@link createClock} that starts at {@link SimulatorOptions.now}.
   */
  clock?: SimulatorClock;
  /**
   * When the simulator's clock starts (a Date or ISO 8601 string), ignored when `clock` is given.
   * The demo data (30 days of jobs and reports) is generated relative to it, so a fixed `now`
   * gives the same data on any day. Default: `CLOUTAPI_SIM_NOW` from the environment when set,
   * else the system time.
   */
  now?: Date | string;
  /** Fault rules active from the start. */
  faults?: FaultRule[];
  /** API client ids; default the demo client (refresh allowed) and `cloutapi-norefresh`. */
  clients?: ClientRegistration[];
  /** Users who can sign in; default the demo user and a read-only user. */
  users?: UserRegistration[];
  /** Enables the `/_sim/` admin endpoints; default false. */
  admin?: boolean;
  /** The admin key required by `/_sim/`; default a random key. */
  adminKey?: string;
  /** Largest accepted request body; default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Items per collection page when a request sends no `limit`, as a portal that pages by default
   * (`total` still counts every item; `offset` reads on). Default: every item in one page.
   */
  pageSize?: number;
}

/** Fault rules of a running simulator. */
export interface FaultControl {
  /** Adds (or replaces, by id) a rule and returns its id. */
  add(rule: FaultRule): string;
  /** Removes the rule with this id; unknown ids are ignored. */
  remove(id: string): void;
  /** Removes every rule. */
  clear(): void;
  /** The active rules, in matching order (the first matching rule wins). */
  list(): FaultRule[];
}

/** Registered billing webhook receivers. */
export interface WebhookControl {
  /** Registers a receiver URL (http or https); registering it twice keeps one entry. */
  register(url: string): void;
  /** The registered URLs. */
  list(): string[];
}

/** A simulator that is not (yet) listening: everything of {@link RunningSimulator} but the URL. */
export interface SimulatorInstance {
  /** The in-memory data; mutate it in tests to set up unusual situations. */
  state: SimulatorState;
  clock: SimulatorClock;
  stats: SimulatorStats;
  faults: FaultControl;
  webhooks: WebhookControl;
  /** Creates the next month's billing data, then delivers W1 to every registered URL. */
  generateBilling(): Promise<WebhookDelivery[]>;
  /** Restores the seeded data (in place), clears faults and stats; tokens and webhooks stay. */
  reset(): void;
  /** Revokes every access and refresh token issued so far. */
  revokeTokens(): void;
  /** The key `/_sim/` requires in `X-Sim-Admin-Key`. */
  adminKey: string;
}

/** A listening simulator, returned by {@link startSimulator}. */
export interface RunningSimulator extends SimulatorInstance {
  /** `http://HOST:PORT`, without `/v1`; API paths are `/v1/...`. */
  url: string;
  /** Stops listening and closes every open connection. */
  stop(): Promise<void>;
}
