import type { ErrorObject } from 'ajv';

/**
 * Why a value was refused, in the words a merchant or agent reads in the console's toast (须为
 * HH:mm 这样的格式 rather than ajv's `must match pattern "^([01]..."`): the schema keyword and its
 * limit, never the schema's own text.
 */
export function validationText(error: ErrorObject | undefined): string {
  if (!error) return '';
  const limit = (error.params as { limit?: unknown }).limit;
  switch (error.keyword) {
    case 'maxLength':
      return `不能超过 ${String(limit)} 个字`;
    case 'minLength':
      return limit === 1 ? '不能为空' : `至少 ${String(limit)} 个字`;
    case 'maximum':
      return `不能大于 ${String(limit)}`;
    case 'minimum':
      return `不能小于 ${String(limit)}`;
    case 'maxItems':
      return `最多 ${String(limit)} 项`;
    case 'minItems':
      return `至少 ${String(limit)} 项`;
    case 'type':
      return '类型不对';
    case 'required':
      return '必须填写';
    case 'additionalProperties':
      return '不是可以设置的字段';
    case 'pattern':
    case 'format':
      return '格式不对';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return '不在可选的取值之内';
    default:
      return '取值不对';
  }
}

/**
 * The console's names of the fields a merchant or agent fills in, by their path in the request
 * (numbers of list items left out): 显示名不能超过 32 个字 rather than 参数 displayName 不合法 (walk
 * finding). A field not named here keeps the technical form.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  displayName: '显示名',
  username: '用户名',
  password: '密码',
  question: '问题',
  answer: '答案',
  category: '分类',
  similar: '相似问法',
  'actions.label': '按钮文字',
  'actions.path': '按钮页面',
  'actions.url': '按钮链接',
  color: '颜色',
  label: '按钮文字',
  icon: '图标',
  offsetX: '横向偏移',
  offsetY: '纵向偏移',
  'businessHours.open': '服务开始时间',
  'businessHours.close': '服务结束时间',
  'businessHours.days': '服务日',
  autoReplySeconds: '自动回复等待秒数',
  noReplySeconds: '客服未回复改派秒数',
  preferWaitSeconds: '等待上次客服的秒数',
  vipLeadSeconds: 'VIP 优先秒数',
  text: '内容',
  title: '标题',
  name: '名称',
};

/** The dotted path of the field ajv refused ('' for the whole value). */
export function refusedField(error: ErrorObject | undefined): string {
  if (!error) return '';
  return error.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(error.params['missingProperty'] ?? error.params['additionalProperty'] ?? '');
}

/** The console's name of a field, if it has one (list item numbers left out). */
export function fieldLabel(field: string): string | undefined {
  return FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.').filter((part) => !/^\d+$/.test(part)).join('.')];
}

/** A refused field in words: 显示名不能超过 32 个字, or 参数 x 不合法: … for one without a name. */
export function validationMessage(field: string, error: ErrorObject | undefined): string {
  const label = fieldLabel(field);
  const why = validationText(error);
  if (label) return `${label}${why || '不合法'}`;
  return `参数 ${field || '(body)'} 不合法: ${why}`.trim();
}
