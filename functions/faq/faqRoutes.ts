import { FaqMatchRequest } from '../../shared/schemas';
import { validateText } from '../../shared/nlp';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';

/** `faq`: match one question against the caller's knowledge base (decision, top matches). */
export const faqRoutes: RouteGroup = (app, deps) => {
  app.post('/v1/faq/match', service('faq'), async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    const body = await readJson(c, FaqMatchRequest);
    // The understanding step's limits and codes (TEXT_EMPTY, TEXT_TOO_LONG), shared with the CLI.
    validateText(body.text);
    c.set('issue', body.text);
    const result = await deps.faq.decide(principal.tenant, body.text);
    const entries = await Promise.all(result.matches.map((m) => deps.faq.get(principal.tenant, m.faqId)));
    return c.json({
      decision: result.decision,
      reason: result.reason,
      matches: result.matches.map((m, i) => ({ ...m, question: entries[i]!.question })),
    });
  });
};
