import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runtime settings, all from the environment with defaults for the embedded laptop setup. */
export interface ApiConfig {
  host: string;
  port: number;
  /** Built SPA served at `/`; null serves the API only. */
  webDist: string | null;
  redisUrl: string | null;
  /** Prefix of every Redis channel, so several deployments (or test runs) can share one Redis. */
  redisChannelPrefix: string;
  auth: {
    idleTimeoutMinutes: number;
    maxFailedLogins: number;
    lockoutMinutes: number;
  };
  limits: {
    maxDepth: number;
    maxComplexity: number;
    maxQueryLength: number;
    maxBodyBytes: number;
  };
  /** A bill-file upload that sends nothing for this long is given up (ms); its total time is not limited. */
  uploadIdleMs: number;
  /** How often the outbox relay looks for events left behind (ms); it is also kicked after each commit. */
  outboxPollMs: number;
  /** How often the inbound CRM interface is polled for messages written straight into the table (ms). */
  crmPollMs: number;
  /** Requests of automatic steps to the external systems (served by the built-in simulators). */
  interfaces: {
    /** Run the interface worker in this process. */
    enabled: boolean;
    pollMs: number;
    timeoutMs: number;
    maxAttempts: number;
    backoffMs: number;
    simulator: { minLatencyMs: number; maxLatencyMs: number; failureRate: number; timeoutRate: number };
  };
  /** Commands to the switch (billing: suspend/resume, call restrictions), served by the built-in simulator. */
  switch: {
    /** Run the switch worker in this process. */
    enabled: boolean;
    pollMs: number;
    /** A command the switch has not confirmed within this time is NOT_COMPLETED (ms). */
    answerTimeoutMs: number;
    /** Commands sent per worker round. */
    batchSize: number;
    simulator: { minLatencyMs: number; maxLatencyMs: number; failureRate: number; timeoutRate: number };
  };
  /** Prepaid (预付费): real-time rating of call records and the automatic restriction. */
  prepaid: {
    /**
     * The restriction limit: when credit + balance of an account falls below it, outgoing calls are
     * barred at the switch; a top-up that brings it back to the limit or above lifts the bar. Decimal text.
     */
    limit: string;
    /** The built-in call-record simulator: generates calls of prepaid accounts on a timer (the demo's traffic). */
    cdrSimulator: {
      enabled: boolean;
      /** Time between generated calls (ms). */
      intervalMs: number;
    };
  };
  /** IANA time zone of the operator: working days and time limits are counted in it. */
  timeZone: string;
  /** Warning/overdue detection. */
  alarms: {
    /** Run the alarm scanner in this process. */
    enabled: boolean;
    /** How often it looks for due times that have passed (ms); detection lag is at most about this. */
    scanMs: number;
  };
  /** Dunning reminders (sent through the notification gateway simulator). */
  dunning: {
    /** Run the dunning worker in this process. */
    enabled: boolean;
    /** How often it looks for reminders that have fallen due (ms). */
    pollMs: number;
    /** An unanswered send counts as failed after this long (ms). */
    timeoutMs: number;
    /** A failed reminder is tried again after this many minutes, or at the next period if sooner. */
    retryMinutes: number;
    /** Failed attempts in a row after which a number is given up. */
    maxFailures: number;
    /** Numbers claimed per batch. */
    batchSize: number;
  };
  /** The account sync from the external maintenance system (teams and staff). */
  accountSync: {
    /** Run the hourly sync in this process. */
    enabled: boolean;
    /** Minutes between runs (the first run one interval after start). */
    intervalMinutes: number;
    /** The maintenance system's answer counts as failed after this long (ms); nothing is changed then. */
    timeoutMs: number;
  };
  /** Staff locations (定位): ingestion, retention, the demo's movement simulator and the map. */
  locations: {
    /** Positions older than this many days are purged, and fixes older than it are refused. */
    retentionDays: number;
    /** How far ahead of the server's clock a fix may be taken (device clocks drift), ms. */
    maxSkewMs: number;
    /** How often the retention purge runs (ms). */
    purgeMs: number;
    /** The built-in movement simulator: moves the demo installers inside their grids (the demo's map traffic). */
    simulator: { enabled: boolean; intervalMs: number };
    /** A MapLibre style URL for the map screen; null: the bundled offline base map. */
    mapStyleUrl: string | null;
  };
  /**
   * Test mode (QA and automated tests only): enables the `advanceClock` mutation. Never set in
   * production.
   */
  testMode: boolean;
}

function rate(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) throw new Error(`${name} must be a number from 0 to 1, got "${value}"`);
  return parsed;
}

function timeZone(value: string | undefined, fallback: string, name: string): string {
  const zone = value || fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`${name} must be an IANA time zone such as Asia/Shanghai, got "${zone}"`);
  }
  return zone;
}

function money(value: string | undefined, fallback: string, name: string): string {
  const text = value === undefined || value === '' ? fallback : value.trim();
  if (!/^-?\d{1,10}(?:\.\d{1,2})?$/.test(text)) throw new Error(`${name} must be an amount such as 0 or 10.50, got "${value}"`);
  return text;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const defaultDist = path.join(repoRoot, 'apps/web/dist');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 4000, 'PORT'),
    webDist: env.OPENIOM_WEB_DIST === '' ? null : (env.OPENIOM_WEB_DIST ?? defaultDist),
    redisUrl: env.REDIS_URL || null,
    redisChannelPrefix: env.OPENIOM_REDIS_PREFIX ?? 'openiom:',
    auth: {
      idleTimeoutMinutes: int(env.OPENIOM_IDLE_TIMEOUT_MINUTES, 30, 'OPENIOM_IDLE_TIMEOUT_MINUTES'),
      maxFailedLogins: int(env.OPENIOM_MAX_FAILED_LOGINS, 5, 'OPENIOM_MAX_FAILED_LOGINS'),
      lockoutMinutes: int(env.OPENIOM_LOCKOUT_MINUTES, 15, 'OPENIOM_LOCKOUT_MINUTES'),
    },
    limits: {
      maxDepth: int(env.OPENIOM_MAX_QUERY_DEPTH, 10, 'OPENIOM_MAX_QUERY_DEPTH'),
      maxComplexity: int(env.OPENIOM_MAX_QUERY_COMPLEXITY, 20_000, 'OPENIOM_MAX_QUERY_COMPLEXITY'),
      maxQueryLength: int(env.OPENIOM_MAX_QUERY_LENGTH, 20_000, 'OPENIOM_MAX_QUERY_LENGTH'),
      maxBodyBytes: int(env.OPENIOM_MAX_BODY_BYTES, 1_000_000, 'OPENIOM_MAX_BODY_BYTES'),
    },
    uploadIdleMs: int(env.OPENIOM_UPLOAD_IDLE_SECONDS, 60, 'OPENIOM_UPLOAD_IDLE_SECONDS') * 1000,
    outboxPollMs: int(env.OPENIOM_OUTBOX_POLL_MS, 1000, 'OPENIOM_OUTBOX_POLL_MS'),
    crmPollMs: int(env.OPENIOM_CRM_POLL_MS, 2000, 'OPENIOM_CRM_POLL_MS'),
    interfaces: {
      enabled: env.OPENIOM_INTERFACES !== 'off',
      pollMs: int(env.OPENIOM_INTERFACE_POLL_MS, 1000, 'OPENIOM_INTERFACE_POLL_MS'),
      timeoutMs: int(env.OPENIOM_INTERFACE_TIMEOUT_MS, 5000, 'OPENIOM_INTERFACE_TIMEOUT_MS'),
      maxAttempts: int(env.OPENIOM_INTERFACE_MAX_ATTEMPTS, 3, 'OPENIOM_INTERFACE_MAX_ATTEMPTS'),
      backoffMs: int(env.OPENIOM_INTERFACE_BACKOFF_MS, 2000, 'OPENIOM_INTERFACE_BACKOFF_MS'),
      simulator: {
        minLatencyMs: int(env.OPENIOM_SIMULATOR_MIN_LATENCY_MS, 50, 'OPENIOM_SIMULATOR_MIN_LATENCY_MS'),
        maxLatencyMs: int(env.OPENIOM_SIMULATOR_MAX_LATENCY_MS, 300, 'OPENIOM_SIMULATOR_MAX_LATENCY_MS'),
        failureRate: rate(env.OPENIOM_SIMULATOR_FAILURE_RATE, 0.05, 'OPENIOM_SIMULATOR_FAILURE_RATE'),
        timeoutRate: rate(env.OPENIOM_SIMULATOR_TIMEOUT_RATE, 0.02, 'OPENIOM_SIMULATOR_TIMEOUT_RATE'),
      },
    },
    switch: {
      enabled: env.OPENIOM_SWITCH !== 'off',
      pollMs: int(env.OPENIOM_SWITCH_POLL_MS, 1000, 'OPENIOM_SWITCH_POLL_MS'),
      answerTimeoutMs: int(env.OPENIOM_SWITCH_ANSWER_TIMEOUT_MS, 30_000, 'OPENIOM_SWITCH_ANSWER_TIMEOUT_MS'),
      batchSize: int(env.OPENIOM_SWITCH_BATCH_SIZE, 500, 'OPENIOM_SWITCH_BATCH_SIZE'),
      simulator: {
        minLatencyMs: int(env.OPENIOM_SWITCH_MIN_LATENCY_MS, 200, 'OPENIOM_SWITCH_MIN_LATENCY_MS'),
        maxLatencyMs: int(env.OPENIOM_SWITCH_MAX_LATENCY_MS, 2000, 'OPENIOM_SWITCH_MAX_LATENCY_MS'),
        failureRate: rate(env.OPENIOM_SWITCH_FAILURE_RATE, 0.02, 'OPENIOM_SWITCH_FAILURE_RATE'),
        timeoutRate: rate(env.OPENIOM_SWITCH_TIMEOUT_RATE, 0.03, 'OPENIOM_SWITCH_TIMEOUT_RATE'),
      },
    },
    prepaid: {
      limit: money(env.OPENIOM_PREPAID_LIMIT, '0', 'OPENIOM_PREPAID_LIMIT'),
      cdrSimulator: {
        enabled: env.OPENIOM_CDR_SIMULATOR !== 'off',
        intervalMs: int(env.OPENIOM_CDR_SIMULATOR_INTERVAL_MS, 4000, 'OPENIOM_CDR_SIMULATOR_INTERVAL_MS'),
      },
    },
    timeZone: timeZone(env.OPENIOM_TIME_ZONE, 'Asia/Shanghai', 'OPENIOM_TIME_ZONE'),
    alarms: {
      enabled: env.OPENIOM_ALARMS !== 'off',
      scanMs: int(env.OPENIOM_ALARM_SCAN_MS, 1000, 'OPENIOM_ALARM_SCAN_MS'),
    },
    dunning: {
      enabled: env.OPENIOM_DUNNING !== 'off',
      pollMs: int(env.OPENIOM_DUNNING_POLL_MS, 5000, 'OPENIOM_DUNNING_POLL_MS'),
      timeoutMs: int(env.OPENIOM_DUNNING_TIMEOUT_MS, 10_000, 'OPENIOM_DUNNING_TIMEOUT_MS'),
      retryMinutes: int(env.OPENIOM_DUNNING_RETRY_MINUTES, 10, 'OPENIOM_DUNNING_RETRY_MINUTES'),
      maxFailures: Math.max(1, int(env.OPENIOM_DUNNING_MAX_FAILURES, 3, 'OPENIOM_DUNNING_MAX_FAILURES')),
      batchSize: Math.max(1, int(env.OPENIOM_DUNNING_BATCH_SIZE, 50, 'OPENIOM_DUNNING_BATCH_SIZE')),
    },
    accountSync: {
      enabled: env.OPENIOM_ACCOUNT_SYNC !== 'off',
      intervalMinutes: Math.max(1, int(env.OPENIOM_ACCOUNT_SYNC_MINUTES, 60, 'OPENIOM_ACCOUNT_SYNC_MINUTES')),
      timeoutMs: int(env.OPENIOM_ACCOUNT_SYNC_TIMEOUT_MS, 30_000, 'OPENIOM_ACCOUNT_SYNC_TIMEOUT_MS'),
    },
    locations: {
      retentionDays: Math.max(1, int(env.OPENIOM_LOCATION_RETENTION_DAYS, 30, 'OPENIOM_LOCATION_RETENTION_DAYS')),
      maxSkewMs: int(env.OPENIOM_LOCATION_MAX_SKEW_SECONDS, 120, 'OPENIOM_LOCATION_MAX_SKEW_SECONDS') * 1000,
      purgeMs: Math.max(1000, int(env.OPENIOM_LOCATION_PURGE_MS, 3_600_000, 'OPENIOM_LOCATION_PURGE_MS')),
      simulator: {
        enabled: env.OPENIOM_LOCATION_SIMULATOR !== 'off',
        intervalMs: Math.max(200, int(env.OPENIOM_LOCATION_SIMULATOR_INTERVAL_MS, 5000, 'OPENIOM_LOCATION_SIMULATOR_INTERVAL_MS')),
      },
      mapStyleUrl: env.OPENIOM_MAP_STYLE_URL || null,
    },
    testMode: env.OPENIOM_TEST_MODE === '1',
  };
}
