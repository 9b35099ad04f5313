/**
 * Masks personal data in free text: mainland mobile numbers, bank card numbers (Luhn-valid, 16-19
 * digits) and resident ID numbers (GB 11643 checksum). No full value survives: at most the first
 * 3-6 and the last 4 characters are kept. Amounts, times and order numbers are left intact: a digit
 * run is judged whole, so a 28-digit trade number is never partly masked.
 */

/** Digit runs, allowing single spaces or dashes between groups (e.g. "6222 0212 3456 7890 128"). */
const DIGIT_RUN = /(?:\+?86[\s-]?)?\d(?:[\s-]?[\dXx])*/g;

export function mask(text: string): string {
  return text.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    // A run glued to letters or more digits is part of an identifier we must not break.
    const before = whole[offset - 1];
    const after = whole[offset + run.length];
    if ((before && /[A-Za-z0-9_]/.test(before)) || (after && /[A-Za-z0-9_]/.test(after))) return run;
    return maskRun(run) ?? maskGroups(run);
  });
}

/**
 * A run like "转 100 13812345678" joins an amount and a phone through a space; when the whole run is
 * not personal data, try windows of its space/dash-separated groups (at most 19 digits long, so the
 * work stays linear).
 */
function maskGroups(run: string): string {
  const parts = run.split(/([\s-])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  let out = '';
  let i = 0;
  while (i < groups.length) {
    let matched: { end: number; masked: string } | undefined;
    let digits = 0;
    let j = i;
    for (; j < groups.length && digits + groups[j]!.length <= 21; j++) digits += groups[j]!.length;
    for (let end = j; end > i; end--) {
      const candidate = groups.slice(i, end).map((g, k) => g + (k < end - i - 1 ? seps[i + k]! : '')).join('');
      const masked = maskRun(candidate);
      if (masked !== undefined) {
        matched = { end, masked };
        break;
      }
    }
    const end = matched?.end ?? i + 1;
    out += matched?.masked ?? groups[i]!;
    if (end - 1 < seps.length) out += seps[end - 1]!;
    i = end;
  }
  return out;
}

/** The masked form of a run when it is a phone, ID or card number; undefined otherwise. */
function maskRun(run: string): string | undefined {
  const compact = run.replace(/[\s-]/g, '');
  const national = compact.replace(/^\+?86(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(national)) return `${national.slice(0, 3)}****${national.slice(-4)}`;
  if (/^\d{17}[\dXx]$/.test(compact) && isResidentId(compact)) return `${compact.slice(0, 6)}********${compact.slice(-4).toUpperCase()}`;
  if (/^\d{16,19}$/.test(compact) && luhnValid(compact)) return `${compact.slice(0, 4)}${'*'.repeat(compact.length - 8)}${compact.slice(-4)}`;
  return undefined;
}

/** Luhn checksum (ISO/IEC 7812), used by every UnionPay/Visa/Mastercard number. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of an 18-character resident ID, plus a plausible birth date. */
export function isResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]!.toUpperCase()) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
