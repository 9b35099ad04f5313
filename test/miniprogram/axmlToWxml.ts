/**
 * Converts the AXML we write into WXML, so miniprogram-simulate (WeChat's component test renderer)
 * can render our templates. Only our subset is accepted: directives `a:if/elif/else/for/for-item/
 * for-index/key`, event attributes `onXxx`/`catchXxx`, and plain tags and attributes. Anything else
 * (SJS imports, slots, other `a:` directives) throws, so a template never silently renders wrong.
 */
const directives: Record<string, string> = {
  'a:if': 'wx:if',
  'a:elif': 'wx:elif',
  'a:else': 'wx:else',
  'a:for': 'wx:for',
  'a:for-item': 'wx:for-item',
  'a:for-index': 'wx:for-index',
  'a:key': 'wx:key',
};

const unsupportedTags = ['import-sjs', 'slot', 'template', 'import', 'include'];

export function axmlToWxml(axml: string): string {
  for (const tag of unsupportedTags) {
    if (new RegExp(`<${tag}[\\s>/]`).test(axml)) throw new Error(`AXML subset: <${tag}> is not supported`);
  }
  // Attributes are name="value" or bare names (a:else); tags are matched whole so text is untouched.
  return axml.replace(/<([a-z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>/g, (_whole, tag: string, attrs: string, selfClose: string) => {
    const converted = attrs.replace(/(\s+)([^\s=>/]+)((?:="[^"]*")?)/g, (_a, space: string, name: string, value: string) => `${space}${attributeName(name)}${value}`);
    return `<${tag}${converted}${selfClose ? ' /' : ''}>`;
  });
}

function attributeName(name: string): string {
  if (name.startsWith('a:')) {
    const mapped = directives[name];
    if (!mapped) throw new Error(`AXML subset: ${name} is not supported`);
    return mapped;
  }
  const event = /^(on|catch)([A-Z]\w*)$/.exec(name);
  if (event) return `${event[1] === 'on' ? 'bind' : 'catch'}${event[2]!.toLowerCase()}`;
  return name;
}

/** Every event handler a template names (`onTap="send"` gives `send`), for the methods check. */
export function eventHandlers(axml: string): string[] {
  const names = new Set<string>();
  for (const m of axml.matchAll(/\s(?:on|catch)[A-Z]\w*="([^"]*)"/g)) names.add(m[1]!);
  return [...names];
}
