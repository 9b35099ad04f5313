/**
 * The Function Compute 3.0 HTTP-trigger event of a built-in runtime, and the result it expects
 * back ("HTTP触发器调用函数", FC 3.0 user guide). Multi-value headers and query parameters arrive
 * comma-joined. These shapes exist only in functions/_runtime.
 */
export interface FcHttpEvent {
  readonly version?: string;
  /** URL-encoded path, e.g. /v1/conversations. */
  readonly rawPath: string;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  readonly queryParameters?: Readonly<Record<string, string>>;
  readonly requestContext: {
    readonly accountId?: string;
    readonly domainName?: string;
    readonly domainPrefix?: string;
    readonly http: {
      readonly method: string;
      readonly path?: string;
      readonly protocol?: string;
      readonly sourceIp?: string;
      readonly userAgent?: string;
    };
    readonly requestId?: string;
    readonly time?: string;
    readonly timeEpoch?: string;
  };
}

export interface FcHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}
