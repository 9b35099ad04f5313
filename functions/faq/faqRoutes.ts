import { FaqMatchRequest } from '../../shared/schemas';
import { faqTrial } from '../../shared/faq';
import { validateText } from '../../shared/nlp';
import type { RouteGroup } from '../_http/createFunctionApp';
import { service } from '../_http/createFunctionApp';
import { readJson } from '../_http/readJson';
import { authenticate, staffRoles } from '../_http/authenticate';

/**
 * `faq`: what the bot would do with one message of the caller's tenant: an intent's decision or the
 * FAQ's, with the top matches (the console's 试一试 panel).
 */
export const faqRoutes: RouteGroup = (app, deps) => {
  app.post('/v1/faq/match', service('faq'), async (c) => {
    const principal = await authenticate(c, deps, ['user', ...staffRoles]);
    const body = await readJson(c, FaqMatchRequest);
    // The understanding step's limits and codes (TEXT_EMPTY, TEXT_TOO_LONG), shared with the CLI.
    validateText(body.text);
    c.set('issue', body.text);
    return c.json(await faqTrial(deps.faq, principal.tenant, body.text));
  });
};
