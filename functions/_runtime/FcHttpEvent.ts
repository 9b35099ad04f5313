/**
 * The Function Compute 3.0 HTTP-trigger event of a built-in runtime and the result FC maps back to
 * an HTTP response, as "HTTP触发器调用函数" (FC 3.0 user guide,
 * https://help.aliyun.com/zh/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function)
 * documents them. These shapes exist only in functions/_runtime; apps see web `Request`s.
 *
 * Documented quirks the adapter relies on:
 * - a header or query parameter given several times arrives as ONE string, values joined by commas
 *   (`"parameter2": "value1,value2"`);
 * - header names are canonicalised by Go's net/http (`accept-encoding` arrives as `Accept-Encoding`);
 * - `rawPath` is URL-encoded and carries no query string; `requestContext.http.path` is decoded;
 * - `body` is base64 when the request body is binary, and then `isBase64Encoded` is true.
 */
export interface FcHttpEvent {
  /** Payload format version; `v1` is the only one documented. */
  readonly version?: string;
  /** URL-encoded request path without the query, e.g. `/v1/conversations/c%201/events`. */
  readonly rawPath: string;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  /**
   * Request headers. FC sends one comma-joined string per name; arrays are accepted too so that
   * hand-written events (tests, `s invoke`) can repeat a header without guessing FC's join.
   */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Query parameters, decoded; repeated keys as FC joins them (see `headers`). */
  readonly queryParameters?: Readonly<Record<string, string | readonly string[]>>;
  readonly requestContext: FcHttpRequestContext;
}

export interface FcHttpRequestContext {
  readonly accountId?: string;
  /** `<http-trigger-id>.<region-id>.fcapp.run`, or the custom domain the request came in on. */
  readonly domainName?: string;
  readonly domainPrefix?: string;
  readonly http: {
    readonly method: string;
    /** Decoded path. */
    readonly path?: string;
    readonly protocol?: string;
    readonly sourceIp?: string;
    readonly userAgent?: string;
  };
  /** The FC request id, e.g. `1-64f6cd87-...`; the same id FC writes to its logs. */
  readonly requestId?: string;
  /** ISO 8601, e.g. `2023-09-05T06:41:11Z`. */
  readonly time?: string;
  /** Milliseconds since the epoch, as a string. */
  readonly timeEpoch?: string;
}

/**
 * What an HTTP-triggered function returns: FC turns it into the HTTP response. A binary body is
 * base64 with `isBase64Encoded: true`; text is sent as is.
 */
export interface FcHttpResult {
  statusCode: number;
  /** One string per header name, as in the documented examples. */
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}
