import { Type, type Static } from '@sinclair/typebox';

/**
 * Every setting Kefu reads from its environment, in one schema. Names are the environment keys;
 * values arrive as strings and are coerced (ajv `coerceTypes`) before validation.
 */
export const configSchema = Type.Object(
  {
    NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
      default: 'development',
    }),
    HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
    PORT: Type.Integer({ default: 8787, minimum: 0, maximum: 65535 }),
    KEFU_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('memory'), Type.Literal('tablestore')], {
      default: 'sqlite',
    }),
    /** Where the embedded store and local secrets live. */
    KEFU_DATA_DIR: Type.String({ default: '.data', minLength: 1 }),
    /**
     * HMAC secret for session tokens (at least 32 characters). Required in production; in
     * development a random one is generated once and kept in the data folder.
     */
    KEFU_TOKEN_SECRET: Type.Optional(Type.String({ minLength: 32 })),
    KEFU_SESSION_TTL_SECONDS: Type.Integer({ default: 43200, minimum: 60, maximum: 2592000 }),
    /** The dev-only user login; off unless explicitly enabled, and refused in production. */
    KEFU_DEV_LOGIN: Type.Boolean({ default: false }),
    /**
     * The operator's secret for `/v1/operator/*` (creating and listing merchants), at least 32
     * characters; without it the operator API answers 403 OPERATOR_API_DISABLED.
     */
    KEFU_OPERATOR_SECRET: Type.Optional(Type.String({ minLength: 32 })),
    KEFU_BODY_LIMIT_BYTES: Type.Integer({ default: 65536, minimum: 1024, maximum: 10485760 }),
    /** Knowledge-base imports carry whole files; FC's HTTP trigger accepts up to 32 MB. */
    KEFU_IMPORT_LIMIT_BYTES: Type.Integer({ default: 16777216, minimum: 1024, maximum: 33554432 }),
    /** How often `npm run dev` runs the jobs function's sweep (ms); 0 turns the timers off. */
    KEFU_JOBS_INTERVAL_MS: Type.Integer({ default: 5000, minimum: 0, maximum: 600000 }),
    KEFU_LONGPOLL_TIMEOUT_MS: Type.Integer({ default: 25000, minimum: 100, maximum: 60000 }),
    KEFU_LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    KEFU_TABLESTORE_ENDPOINT: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_TABLESTORE_INSTANCE: Type.Optional(Type.String({ minLength: 1 })),
    /** The one physical table Kefu keeps its rows in (`npm run kefu -- store init` creates it). */
    KEFU_TABLESTORE_TABLE: Type.String({ default: 'kefu_rows', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,254}$' }),
    /** Tablestore keys; on Function Compute leave them empty and the function's role is used. */
    KEFU_TABLESTORE_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_TABLESTORE_ACCESS_KEY_SECRET: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_TABLESTORE_SECURITY_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
    /** Temporary credentials Function Compute gives a function with a role (its system variables). */
    ALIBABA_CLOUD_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: Type.Optional(Type.String({ minLength: 1 })),
    ALIBABA_CLOUD_SECURITY_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
    /** Speech recognition (Alibaba Cloud NLS one-sentence REST); all five or none. */
    KEFU_NLS_GATEWAY_URL: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_NLS_META_URL: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_NLS_APPKEY: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_NLS_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_NLS_ACCESS_KEY_SECRET: Type.Optional(Type.String({ minLength: 1 })),
    /** Voice and pictures in an OSS bucket instead of `.data/media`; region, bucket and keys together. */
    KEFU_OSS_REGION: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_OSS_BUCKET: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_OSS_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_OSS_ACCESS_KEY_SECRET: Type.Optional(Type.String({ minLength: 1 })),
    /** A custom OSS endpoint (internal network, or a local stand-in); optional. */
    KEFU_OSS_ENDPOINT: Type.Optional(Type.String({ minLength: 1 })),
    /** Alipay OpenAPI (login with the mini-program's auth code); all four together. Keys are PEM. */
    KEFU_ALIPAY_APP_ID: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_ALIPAY_PRIVATE_KEY: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_ALIPAY_PUBLIC_KEY: Type.Optional(Type.String({ minLength: 1 })),
    KEFU_ALIPAY_GATEWAY: Type.Optional(Type.String({ minLength: 1 })),
    /** An agent's reply is pushed as an Alipay message when the user has not polled for this long. */
    KEFU_PUSH_AFTER_SECONDS: Type.Integer({ default: 60, minimum: 0, maximum: 86400 }),
    /** At most one such message per user per this many seconds. */
    KEFU_PUSH_INTERVAL_SECONDS: Type.Integer({ default: 300, minimum: 0, maximum: 86400 }),
    /** Text from pictures: Debian's tesseract (default) or off. */
    KEFU_OCR: Type.Union([Type.Literal('tesseract'), Type.Literal('off')], { default: 'tesseract' }),
    /** At most this many tesseract children at once per instance; more pictures wait their turn. */
    KEFU_OCR_CONCURRENCY: Type.Integer({ default: 1, minimum: 1, maximum: 16 }),
    /** A picture's OCR is killed after this long (ms); the picture still reaches the agent, without text. */
    KEFU_OCR_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 500, maximum: 120000 }),
    /**
     * Lets merchant URLs (customer-data API) use http and loopback (127.0.0.1, ::1, localhost), for a
     * merchant stand-in on the developer's machine; refused in production.
     */
    KEFU_MERCHANT_URL_ALLOW_LOCAL: Type.Boolean({ default: false }),
  },
  { additionalProperties: true },
);

export type RawConfig = Static<typeof configSchema>;
