/**
 * The one catalogue of error codes. Clients switch on `code`, never on message text, so a code,
 * once published, keeps its meaning. The HTTP status of every code is decided here and nowhere else.
 */
export const errorCatalogue = {
  // Request shape
  INVALID_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'Request body is not valid JSON' },
  VALIDATION_FAILED: { status: 400, zh: '请求参数不合法', en: 'Request failed validation' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'Request body is too large' },
  BODY_ABORTED: { status: 400, zh: '请求体未传完,连接已中断', en: 'The client closed the connection before the body was complete' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法', en: 'Method not allowed on this route' },
  MALFORMED_EVENT: { status: 400, zh: '函数计算事件格式错误', en: 'Malformed Function Compute event' },

  // Identity and access
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Authentication required' },
  TOKEN_INVALID: { status: 401, zh: '登录凭证无效', en: 'Session token is invalid' },
  TOKEN_EXPIRED: { status: 401, zh: '登录已过期,请重新登录', en: 'Session token has expired' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'Not allowed for this role' },
  ALIPAY_AUTH_FAILED: { status: 401, zh: '支付宝授权失败,请重新进入', en: 'Alipay refused the auth code' },
  CUSTOMER_DATA_FORBIDDEN: { status: 403, zh: '没有查看客户资料的权限', en: 'Not allowed to view customer data' },
  DEV_LOGIN_DISABLED: { status: 403, zh: '开发登录未开启', en: 'Dev login is disabled' },
  EVENT_SIGNATURE_INVALID: { status: 401, zh: '事件签名无效', en: 'Event signature is missing or wrong' },
  EVENT_EXPIRED: { status: 401, zh: '事件时间戳已过期', en: 'Event timestamp is more than 5 minutes away from now' },
  EVENT_REPLAYED: { status: 409, zh: '重复的事件请求', en: 'This signed request was already received' },
  EVENTS_NOT_CONFIGURED: { status: 403, zh: '商户尚未开通事件接口', en: 'No event secret is set for this merchant' },
  EVENT_TYPE_UNKNOWN: { status: 400, zh: '不支持的事件类型', en: 'Unknown event type' },
  TENANT_NOT_FOUND: { status: 404, zh: '商户不存在', en: 'No such merchant' },
  TENANT_EXISTS: { status: 409, zh: '商户 ID 已存在', en: 'A merchant with this id already exists' },
  OPERATOR_API_DISABLED: { status: 403, zh: '运营接口未开启', en: 'The operator API is off (no KEFU_OPERATOR_SECRET)' },
  OPERATOR_SECRET_INVALID: { status: 401, zh: '运营密钥无效', en: 'Operator secret is missing or wrong' },
  LOGIN_UNAVAILABLE: { status: 503, zh: '暂时无法登录,请稍后再试', en: 'No login method is available' },
  SESSION_REVOKED: { status: 401, zh: '登录已失效,请重新登录', en: 'This session was ended (logged out everywhere, account changed or disabled)' },
  USER_BLOCKED: { status: 403, zh: '账号已被限制使用客服,如有疑问请联系商家', en: 'This user is blocked by the merchant' },
  TOO_MANY_ATTEMPTS: { status: 429, zh: '尝试次数过多,请稍后再试', en: 'Too many failed logins; retry after the time in Retry-After' },

  // Domain
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'No such user' },
  CONVERSATION_NOT_FOUND: { status: 404, zh: '会话不存在', en: 'No such conversation' },
  CONVERSATION_CLOSED: { status: 409, zh: '会话已结束', en: 'Conversation is closed' },
  MEDIA_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  MEDIA_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  MEDIA_TYPE_UNSUPPORTED: { status: 415, zh: '不支持的文件格式', en: 'Unsupported file format' },
  MEDIA_TYPE_MISMATCH: { status: 415, zh: '文件内容与声明的类型不符', en: 'File content does not match its declared type' },
  MEDIA_IMAGE_TOO_LARGE: { status: 413, zh: '图片尺寸过大', en: 'Image dimensions are too large' },
  MEDIA_TOO_LONG: { status: 400, zh: '语音不能超过 60 秒', en: 'Voice messages are limited to 60 seconds' },
  MEDIA_NOT_FOUND: { status: 404, zh: '文件不存在', en: 'No such media' },
  MEDIA_LINK_INVALID: { status: 403, zh: '文件链接无效或已过期', en: 'Media link is invalid or expired' },
  OCR_TIMEOUT: { status: 503, zh: '图片文字识别超时,图片已照常发送', en: 'Reading the picture took too long; it is kept without text' },
  ALREADY_CLAIMED: { status: 409, zh: '该会话已被其他客服接入', en: 'Conversation already claimed by another agent' },
  NOT_ASSIGNEE: { status: 409, zh: '该会话不在你的名下', en: 'Conversation is not assigned to you' },
  IDEMPOTENCY_CONFLICT: { status: 409, zh: '消息 ID 已用于不同的内容', en: 'Message id already used with different content' },
  STAFF_EXISTS: { status: 409, zh: '用户名已存在', en: 'A staff member with this username exists' },
  CONFLICT: { status: 409, zh: '数据已被修改,请重试', en: 'Concurrent modification, retry' },

  // Knowledge base (shared/faq)
  FAQ_NOT_FOUND: { status: 404, zh: '知识条目不存在', en: 'No such knowledge-base entry' },
  FAQ_DUPLICATE_ID: { status: 409, zh: '知识条目 id 已存在', en: 'Knowledge-base entry id already exists' },
  IMPORT_INVALID: { status: 400, zh: '导入文件有错误,未写入任何条目', en: 'Import file has errors; nothing was imported' },
  NOT_RESOLVED: { status: 409, zh: '会话结束后才能评价', en: 'Only a resolved conversation can be rated' },
  ALREADY_RATED: { status: 409, zh: '本次会话已评价', en: 'Conversation already rated' },
  BOT_INACTIVE: { status: 409, zh: '人工客服已接入或会话已结束,该按钮已失效', en: 'The bot no longer holds this conversation' },
  FAQ_NOT_OFFERED: { status: 409, zh: '该答案不是本会话最近的回答', en: 'Feedback refers to an entry that is not the latest answer' },

  // Routing (shared/routing)
  GROUP_NOT_FOUND: { status: 404, zh: '技能组不存在', en: 'No such skill group' },
  AGENT_NOT_FOUND: { status: 404, zh: '客服不存在', en: 'No such agent' },
  AGENT_UNAVAILABLE: { status: 409, zh: '该客服不在线或已满负荷', en: 'Agent is offline or at capacity' },
  AT_CAPACITY: { status: 409, zh: '你的接待量已满', en: 'You are at your maximum of concurrent conversations' },
  NOT_QUEUED: { status: 409, zh: '会话不在排队中', en: 'Conversation is not waiting in a queue' },

  // Understanding (shared/nlp)
  TEXT_EMPTY: { status: 400, zh: '文本为空', en: 'Text is empty' },
  TEXT_TOO_LONG: { status: 400, zh: '文本过长', en: 'Text is too long' },
  TEXT_INVALID: { status: 400, zh: '文本包含无法识别的内容', en: 'Text contains invalid characters' },
  INVALID_NOW: { status: 400, zh: '参考时间格式错误', en: 'Reference time (now) is not a valid ISO 8601 time' },

  // Merchant systems Kefu calls (shared/net): refused at save time (400) or when fetching (502/504)
  MERCHANT_URL_INVALID: { status: 400, zh: '商户接口地址不合法:须为 https 域名地址,不能含账号、查询参数或 #,不能是 IP 或内网主机名', en: 'Merchant URL must be https on a public host name, without userinfo, query or fragment' },
  OUTBOUND_URL_REFUSED: { status: 502, zh: '商户接口地址指向内网或保留地址,已拒绝访问', en: 'Merchant URL resolves to a refused address or scheme' },
  OUTBOUND_REDIRECT_REFUSED: { status: 502, zh: '商户接口返回了重定向,已拒绝跟随', en: 'Merchant API answered a redirect, which is not followed' },
  OUTBOUND_HTTP_ERROR: { status: 502, zh: '商户接口返回了错误状态', en: 'Merchant API answered an error status' },
  OUTBOUND_NOT_JSON: { status: 502, zh: '商户接口返回的不是 JSON', en: 'Merchant API did not answer application/json' },
  OUTBOUND_RESPONSE_TOO_LARGE: { status: 502, zh: '商户接口返回的数据过大', en: 'Merchant API answer exceeds the size limit' },
  OUTBOUND_UNREACHABLE: { status: 504, zh: '商户接口无法连接或超时', en: 'Merchant API unreachable or timed out' },

  // Platform
  STORE_CONDITION_FAILED: { status: 409, zh: '数据已被修改,请重试', en: 'Conditional write failed' },
  STORE_BUSY: { status: 503, zh: '系统繁忙,请稍后再试', en: 'The store is throttling requests; try again shortly' },
  STORE_UNAVAILABLE: { status: 503, zh: '服务暂时不可用,请稍后再试', en: 'The store cannot be reached' },
  STORE_REJECTED: { status: 400, zh: '请求的数据超出存储限制', en: 'The store refused the request (a value is too long or invalid)' },
  ID_TOO_LONG: { status: 400, zh: 'ID 过长', en: 'An id is longer than the store allows' },
  BATCH_TOO_LARGE: { status: 500, zh: '单次写入的数据过多,请稍后再试', en: 'An atomic store batch is larger than one service request allows (200 rows or 4 MB); the caller must split it' },
  CONFIG_INVALID: { status: 500, zh: '服务配置错误', en: 'Invalid configuration' },
  PORT_IN_USE: { status: 500, zh: '端口已被占用', en: 'Port already in use' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁,请稍后再试', en: 'Too many requests' },
  INTERNAL: { status: 500, zh: '服务暂时不可用,请稍后再试', en: 'Internal error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export function statusOf(code: ErrorCode): number {
  return errorCatalogue[code].status;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorCatalogue, value);
}
