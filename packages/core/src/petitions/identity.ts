/**
 * Petitioners' identity-card numbers and phones: checked when typed, normalised before they are hashed
 * (so the same person is found however the number was written), and masked wherever they are shown.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Upper-case, no spaces: the form that is hashed and stored. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s-]+/g, '').toUpperCase();
}

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s-]+/g, '').replace(/^(\+|00)?86(?=1\d{10}$)/, '');
}

/** GB 11643-1999: 17 digits, a valid birth date, and the check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || Number(id.slice(6, 10)) < 1900) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** A mainland mobile (11 digits from 1) or a landline with area code (0 and 10–12 digits in all). */
export function isValidPhone(raw: string): boolean {
  const p = normalisePhone(raw);
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{9,11}$/.test(p);
}

/** 3201**********1234: the first four and the last four. */
export function maskIdNumber(raw: string): string {
  const id = normaliseIdNumber(raw);
  return id.length <= 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 138****5678: the first three and the last four. */
export function maskPhone(raw: string): string {
  const p = normalisePhone(raw);
  return p.length <= 7 ? '*'.repeat(p.length) : `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`;
}
