import type { Context } from 'hono';
import { KefuError } from '../../shared/errors';

/**
 * Reads a multipart/form-data body (an upload): UNSUPPORTED_MEDIA_TYPE for another type, saying
 * what to upload (`what`), VALIDATION_FAILED when the form does not parse.
 */
export async function readMultipart(c: Context, what: string): Promise<Record<string, string | File>> {
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) throw new KefuError('UNSUPPORTED_MEDIA_TYPE', `请以 multipart/form-data 上传${what}`);
  try {
    return await c.req.parseBody();
  } catch {
    throw new KefuError('VALIDATION_FAILED', '无法解析上传的表单');
  }
}
