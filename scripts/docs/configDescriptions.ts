/**
 * The description of each config key whose schema entry has neither a `description` nor a doc
 * comment in shared/config/configSchema.ts. `npm run docs` fails for a key described nowhere, for a
 * key described both here and in the schema (one place only), and for a key the schema lacks.
 */
export const configDescriptions: Readonly<Record<string, string>> = {
  NODE_ENV: '`production` turns on the production checks (a token secret, no dev login, no local merchant URLs).',
  HOST: 'The address `npm run dev` listens on.',
  PORT: 'The port `npm run dev` listens on; 0 picks a free one.',
  KEFU_STORE: 'Where Kefu keeps its data: the embedded SQLite file in the data folder, memory (forgotten at exit), or Tablestore (its keys, or on Function Compute the role\'s `ALIBABA_CLOUD_*` ones).',
  KEFU_SESSION_TTL_SECONDS: 'How long a session token lives; clients refresh it before it expires.',
  KEFU_BODY_LIMIT_BYTES: 'The largest request body, knowledge-base imports and uploads aside (`BODY_TOO_LARGE` above it).',
  KEFU_LONGPOLL_TIMEOUT_MS: 'How long a long-poll (events, queue, inbox) waits for news before it answers empty; also the largest `timeout` a client may ask for.',
  KEFU_LOG_LEVEL: 'The lowest level of log line written.',
  KEFU_TABLESTORE_ENDPOINT: 'The Tablestore instance\'s endpoint (`KEFU_STORE=tablestore`).',
  KEFU_TABLESTORE_INSTANCE: 'The Tablestore instance\'s name (`KEFU_STORE=tablestore`).',
  KEFU_TABLESTORE_ACCESS_KEY_SECRET: 'The secret of `KEFU_TABLESTORE_ACCESS_KEY_ID`.',
  KEFU_TABLESTORE_SECURITY_TOKEN: 'The STS token that goes with temporary Tablestore keys.',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'The secret of the function role\'s temporary key (set by Function Compute).',
  ALIBABA_CLOUD_SECURITY_TOKEN: 'The security token of the function role\'s temporary key (set by Function Compute).',
  KEFU_NLS_META_URL: 'The NLS token service\'s URL (speech recognition).',
  KEFU_NLS_APPKEY: 'The NLS project\'s appkey (speech recognition).',
  KEFU_NLS_ACCESS_KEY_ID: 'The access key id NLS tokens are made with (speech recognition).',
  KEFU_NLS_ACCESS_KEY_SECRET: 'The secret of `KEFU_NLS_ACCESS_KEY_ID`.',
  KEFU_OSS_BUCKET: 'The OSS bucket uploads go to.',
  KEFU_OSS_ACCESS_KEY_ID: 'The access key id for the OSS bucket.',
  KEFU_OSS_ACCESS_KEY_SECRET: 'The secret of `KEFU_OSS_ACCESS_KEY_ID`.',
  KEFU_ALIPAY_PRIVATE_KEY: 'The mini-program app\'s private key (PEM) that signs OpenAPI calls.',
  KEFU_ALIPAY_PUBLIC_KEY: 'Alipay\'s public key (PEM) that answers are checked with.',
  KEFU_ALIPAY_GATEWAY: 'The Alipay OpenAPI gateway URL.',
};
