import { deployPlaceholders } from '../helpers/deployPlaceholders';
import { deploy } from '../../scripts/deploy/deploy';

/** Collects what the command writes to stderr. */
function stderr() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

const complete = deployPlaceholders;

describe('npm run deploy (scripts/deploy/deploy.ts)', () => {
  it('stops before running s when KEFU_FC_ROLE is unset, naming it', () => {
    const { KEFU_FC_ROLE: _role, ...rest } = complete;
    const err = stderr();
    expect(deploy(['deploy'], { stderr: err.stream }, rest)).toBe(1);
    expect(err.text()).toMatch(/^CONFIG_INVALID: /);
    expect(err.text()).toContain('KEFU_FC_ROLE');
    expect(err.text()).not.toContain('KEFU_DOMAIN:');
  });

  it('stops when a certificate setting names a file that does not exist', () => {
    const err = stderr();
    expect(deploy(['preview'], { stderr: err.stream }, { ...complete, KEFU_DOMAIN_CERT_KEY: 'no/such/kefu.key' })).toBe(1);
    expect(err.text()).toContain('no/such/kefu.key');
  });

  it('knows only deploy and preview', () => {
    const err = stderr();
    expect(deploy(['remove'], { stderr: err.stream }, complete)).toBe(2);
    expect(err.text()).toContain('npm run deploy');
  });
});
