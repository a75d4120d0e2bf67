/**
 * Password policy (等保 2.0 third-level habit): at least 8 characters from at least 3 of the 4
 * classes, at most 128, not containing the username; and one-time passwords that always pass it.
 */

/** Minimum length, counted in characters (code points), not UTF-16 units. */
export const PASSWORD_MIN_LENGTH = 8;
/** Upper bound so a login request cannot make the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 128;

/** The whole rule in one sentence, shown whenever length or character classes fall short. */
export const PASSWORD_POLICY_TEXT = "密码至少8位，且须包含大写字母、小写字母、数字、符号中的至少三类";

// Usernames shorter than this are not checked: a one- or two-letter username ("li") would rule
// out a large share of otherwise strong passwords while adding almost nothing to guessing cost.
const MIN_USERNAME_LENGTH_TO_CHECK = 3;

/** The result of {@link checkPasswordPolicy}: ok, or a Chinese message telling the user what to change. */
export type PasswordPolicyResult = { ok: true } | { ok: false; message: string };

/** Counts which of lower, upper, digit and symbol occur. Whitespace counts as none of them. */
function characterClassCount(chars: readonly string[]): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const ch of chars) {
    if (ch >= "a" && ch <= "z") lower = true;
    else if (ch >= "A" && ch <= "Z") upper = true;
    else if (ch >= "0" && ch <= "9") digit = true;
    else if (!/\s/u.test(ch)) symbol = true;
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(symbol);
}

/**
 * Checks a new password against the policy. The password is never trimmed or normalised: what
 * the user typed is what gets hashed. Control characters are refused because they cannot be
 * typed back reliably on another device.
 */
export function checkPasswordPolicy(password: string, ctx?: { username?: string }): PasswordPolicyResult {
  if (typeof password !== "string" || password.length === 0) {
    return { ok: false, message: "密码不能为空" };
  }
  const chars = [...password];
  if (chars.length > PASSWORD_MAX_LENGTH) {
    return { ok: false, message: `密码不能超过${PASSWORD_MAX_LENGTH}位` };
  }
  if (/\p{Cc}/u.test(password)) {
    return { ok: false, message: "密码不能包含换行、制表符等控制字符" };
  }
  if (chars.length < PASSWORD_MIN_LENGTH || characterClassCount(chars) < 3) {
    return { ok: false, message: PASSWORD_POLICY_TEXT };
  }
  const username = ctx?.username?.trim() ?? "";
  if (username.length >= MIN_USERNAME_LENGTH_TO_CHECK && password.toLowerCase().includes(username.toLowerCase())) {
    return { ok: false, message: "密码不能包含用户名" };
  }
  return { ok: true };
}

// Ambiguous characters (0 O o 1 l I) are left out because one-time passwords are read off a
// screen or a printout and typed in by hand. Symbols avoid quotes, backslash, space and shell
// metacharacters such as $ and backtick, so the password survives being pasted anywhere.
const LOWER = "abcdefghijkmnpqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "#%*+-=?@_";
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;
const CLASSES = [LOWER, UPPER, DIGITS, SYMBOLS] as const;

/** Reads random bytes in batches and turns them into unbiased integers by rejection sampling. */
function uniformSource(randomBytes: (n: number) => Uint8Array, batchSize: number): (bound: number) => number {
  let buffer: Uint8Array = new Uint8Array(0);
  let pos = 0;
  return (bound: number): number => {
    // Largest multiple of `bound` not above 256: bytes at or beyond it would favour small values.
    const limit = 256 - (256 % bound);
    for (let attempts = 0; attempts < 1_000; attempts++) {
      if (pos >= buffer.length) {
        buffer = randomBytes(batchSize);
        pos = 0;
        if (!(buffer instanceof Uint8Array) || buffer.length === 0) {
          throw new Error("randomBytes returned no bytes");
        }
      }
      const byte = buffer[pos++];
      if (byte < limit) return byte % bound;
    }
    // A working CSPRNG is rejected 1,000 times in a row with probability below 2^-1000.
    throw new Error("randomBytes does not look random");
  };
}

/**
 * Generates a one-time password (e.g. for new administrators, printed once) that always passes
 * {@link checkPasswordPolicy}: at least one character of each class, the rest drawn uniformly from
 * all of them, then shuffled so the guaranteed ones sit at random positions.
 * @param randomBytes a CSPRNG, normally `crypto.randomBytes`; injected to keep core pure.
 * @param length 8–128 characters, default 16.
 */
export function generateOneTimePassword(randomBytes: (n: number) => Uint8Array, length = 16): string {
  if (!Number.isSafeInteger(length) || length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new RangeError(`length must be an integer from ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH}, got ${length}`);
  }
  const next = uniformSource(randomBytes, length * 2);
  const chars: string[] = CLASSES.map((set) => set[next(set.length)]);
  while (chars.length < length) chars.push(ALL[next(ALL.length)]);
  // Fisher–Yates shuffle.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = next(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}
