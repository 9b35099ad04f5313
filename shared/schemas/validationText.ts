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
