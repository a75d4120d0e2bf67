/** Security rules that need no I/O: password policy and one-time passwords. */
export {
  checkPasswordPolicy,
  generateOneTimePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_POLICY_TEXT,
} from "./password-policy.ts";
export type { PasswordPolicyResult } from "./password-policy.ts";
