import http from 'node:http';
import https from 'node:https';
import RPCClient from '@alicloud/pop-core';
import type { SpeechRecognizer } from './SpeechRecognizer';

export interface NlsOptions {
  /** One-sentence recognition endpoint, e.g. https://nls-gateway-cn-shanghai.aliyuncs.com/stream/v1/asr. */
  readonly gatewayUrl: string;
  /** POP endpoint that issues tokens (CreateToken), e.g. https://nls-meta.cn-shanghai.aliyuncs.com. */
  readonly metaUrl: string;
  readonly appKey: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly timeoutMs?: number;
  readonly clock?: () => number;
}

/** NLS answers with this status on success; anything else carries a reason in `message`. */
const SUCCESS = 20000000;
/** Token refused (expired or revoked): fetch a new one and try once more. */
const TOKEN_INVALID = 40000001;

export class NlsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'NlsError';
  }
}

/**
 * Alibaba Cloud Intelligent Speech Interaction, one-sentence recognition over REST: a token from
 * CreateToken (POP RPC, signed with the AccessKey by @alicloud/pop-core), kept until shortly before
 * it expires; then one POST of the audio with `X-NLS-Token`, answered with JSON
 * `{task_id, result, status, message}`.
 */
export class NlsSpeechRecognizer implements SpeechRecognizer {
  private token: { id: string; expiresAtMs: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly clock: () => number;
  private readonly pop: RPCClient;
  /** Without keep-alive: a token is fetched about once a day, and idle sockets would hold the process. */
  private readonly agent: http.Agent;

  constructor(private readonly o: NlsOptions) {
    this.clock = o.clock ?? Date.now;
    this.agent = o.metaUrl.startsWith('https:') ? new https.Agent({ keepAlive: false }) : new http.Agent({ keepAlive: false });
    this.pop = new RPCClient({ accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret, endpoint: o.metaUrl, apiVersion: '2019-02-28' });
  }

  async recognize(wav16k: Uint8Array): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.currentToken();
      const url = `${this.o.gatewayUrl}?appkey=${encodeURIComponent(this.o.appKey)}&format=wav&sample_rate=16000&enable_punctuation_prediction=true&enable_inverse_text_normalization=true`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'X-NLS-Token': token, 'Content-Type': 'application/octet-stream' },
        body: Buffer.from(wav16k),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
      });
      let body: { status?: number; message?: string; result?: string };
      try {
        body = (await res.json()) as typeof body;
      } catch {
        throw new NlsError(res.status, `NLS answered HTTP ${res.status} without JSON`);
      }
      if (body.status === SUCCESS) return body.result ?? '';
      if (body.status === TOKEN_INVALID && attempt === 0) {
        this.token = undefined;
        continue;
      }
      throw new NlsError(body.status ?? res.status, body.message ?? `HTTP ${res.status}`);
    }
  }

  /** A token with at least a minute left; concurrent callers share one CreateToken call. */
  private currentToken(): Promise<string> {
    if (this.token && this.token.expiresAtMs - 60_000 > this.clock()) return Promise.resolve(this.token.id);
    this.pending ??= this.pop
      .request<{ Token?: { Id?: string; ExpireTime?: number } }>('CreateToken', {}, { method: 'POST', timeout: this.o.timeoutMs ?? 15_000, agent: this.agent })
      .then((r) => {
        const id = r.Token?.Id;
        const expire = r.Token?.ExpireTime;
        if (!id || !expire) throw new NlsError(0, 'CreateToken answered without a token');
        this.token = { id, expiresAtMs: expire * 1000 };
        return id;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
