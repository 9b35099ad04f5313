import { KefuError } from '../../shared/errors';

/**
 * The request with a body stream that fails with BODY_ABORTED when the client hangs up. A chunked
 * body (no content-length) is read whole by the body-size limit before any route runs, and a
 * client gone mid-chunk leaves that read waiting forever: no answer, no log line, the request held
 * in memory. The server aborts the request's signal when the connection closes; this turns that
 * into an error the read sees, answered and logged as the client's 400.
 */
export function abortableBody(req: Request): Request {
  // Decided on the method and headers before touching `body`: on @hono/node-server reading `body`
  // (or `signal`) turns the lightweight request into a full Request with a web stream, the
  // costliest part of a request, which a body read straight from the socket never needs.
  if (!isChunked(req)) return req;
  const body = req.body;
  if (!body) return req;
  const signal = req.signal;
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const aborted = () => new KefuError('BODY_ABORTED', undefined, { reason: 'aborted' });
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (signal.aborted) controller.error(aborted());
      else signal.addEventListener('abort', () => controller.error(aborted()), { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        controller.error(signal.aborted ? aborted() : err);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // `duplex: 'half'` is what Node's Request requires for a streamed body.
  const init: RequestInit & { duplex: 'half' } = { body: stream, duplex: 'half' };
  return new Request(req, init);
}

/** Whether the body is read through a stream of unknown length: not GET/HEAD and no usable content-length. */
export function isChunked(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  return !req.headers.has('content-length') || req.headers.has('transfer-encoding');
}
