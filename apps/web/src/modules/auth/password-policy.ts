// Mirrors the server's policy so people learn of a weak password before they submit; the server still decides.
export const PASSWORD_POLICY_TEXT = '至少8位，包含大写字母、小写字母、数字、符号中至少三类';

/** Returns what is wrong with the password, or null when it meets the policy. */
export function checkPasswordPolicy(password: string): string | null {
  if (password.length < 8) return '密码至少8位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中至少三类';
  return null;
}
