/** The merchant's H5 address of each FAQ action, by the action's mini-program page. */
export type ActionLinks = Readonly<Record<string, string>>;

type Call = <T>(method: 'GET', path: string) => Promise<T>;

/**
 * Reads `GET /v1/merchant/action-links` once per start of the H5 chat. Without it (an older backend,
 * a failed call) every action is answered by the bot instead of opening a page: the chat works.
 */
export async function fetchActionLinks(call: Call): Promise<ActionLinks> {
  try {
    const { links } = await call<{ links?: readonly { path: string; url: string }[] }>('GET', '/v1/merchant/action-links');
    // No Object.fromEntries: shared/client stays within ES2017 for the mini-program.
    const byPath: Record<string, string> = {};
    for (const l of links ?? []) byPath[l.path] = l.url;
    return byPath;
  } catch {
    return {};
  }
}
