import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { checkPasswordPolicy, generateOneTimePassword, PASSWORD_POLICY_TEXT } from "./password-policy.ts";

const weak = { ok: false, message: "密码至少8位，且须包含大写字母、小写字母、数字、符号中的至少三类" };

describe("checkPasswordPolicy", () => {
  it("should accept 8 characters from three classes", () => {
    assert.deepEqual(checkPasswordPolicy("Abcdefg1"), { ok: true });
    assert.deepEqual(checkPasswordPolicy("abcdef1!"), { ok: true });
    assert.deepEqual(checkPasswordPolicy("ABCDEF1!"), { ok: true });
    assert.deepEqual(checkPasswordPolicy("Abcdefg!"), { ok: true });
    assert.deepEqual(checkPasswordPolicy("Aa1!Aa1!"), { ok: true });
  });

  it("should refuse fewer than 8 characters even with all four classes", () => {
    assert.deepEqual(checkPasswordPolicy("Aa1!Aa1"), weak);
    assert.equal(PASSWORD_POLICY_TEXT, weak.message);
  });

  it("should refuse only two classes however long", () => {
    assert.deepEqual(checkPasswordPolicy("abcdefgh12345678"), weak);
    assert.deepEqual(checkPasswordPolicy("ABCDEFGHabcdefgh"), weak);
    assert.deepEqual(checkPasswordPolicy("!!!!####12345678"), weak);
  });

  it("should not count spaces as symbols, but allow them", () => {
    assert.deepEqual(checkPasswordPolicy("abcd efgh 1234"), weak);
    assert.deepEqual(checkPasswordPolicy("Abcd efgh 1234"), { ok: true });
  });

  it("should count Chinese characters as symbols and length in characters, not UTF-16 units", () => {
    assert.deepEqual(checkPasswordPolicy("中枢Abc12"), weak); // 7 characters
    assert.deepEqual(checkPasswordPolicy("中枢Abcd12"), { ok: true });
    assert.deepEqual(checkPasswordPolicy("😀😀😀Ab1"), weak); // 6 characters, 9 UTF-16 units
  });

  it("should refuse more than 128 characters", () => {
    assert.deepEqual(checkPasswordPolicy(`Aa1!${"x".repeat(124)}`), { ok: true });
    assert.deepEqual(checkPasswordPolicy(`Aa1!${"x".repeat(125)}`), { ok: false, message: "密码不能超过128位" });
  });

  it("should refuse an empty password and control characters", () => {
    assert.deepEqual(checkPasswordPolicy(""), { ok: false, message: "密码不能为空" });
    assert.deepEqual(checkPasswordPolicy("Abcdefg1\n"), { ok: false, message: "密码不能包含换行、制表符等控制字符" });
    assert.deepEqual(checkPasswordPolicy("Abc\tdefg1"), { ok: false, message: "密码不能包含换行、制表符等控制字符" });
  });

  it("should refuse a password containing the username, ignoring case", () => {
    const contains = { ok: false, message: "密码不能包含用户名" };
    assert.deepEqual(checkPasswordPolicy("Zhangsan@2026", { username: "zhangsan" }), contains);
    assert.deepEqual(checkPasswordPolicy("x!ZHANGSAN9a", { username: "ZhangSan" }), contains);
    assert.deepEqual(checkPasswordPolicy("Zhang@san2026", { username: "zhangsan" }), { ok: true });
  });

  it("should not check usernames shorter than 3 characters", () => {
    assert.deepEqual(checkPasswordPolicy("Olive@2026", { username: "li" }), { ok: true });
    assert.deepEqual(checkPasswordPolicy("Wang@2026x", { username: "wan" }), { ok: false, message: "密码不能包含用户名" });
    assert.deepEqual(checkPasswordPolicy("Abcdefg1", { username: "" }), { ok: true });
  });

  it("should report a weak password before the username", () => {
    assert.deepEqual(checkPasswordPolicy("zhangsan", { username: "zhangsan" }), weak);
  });
});

describe("generateOneTimePassword", () => {
  const ambiguous = /[0Oo1lI]/;

  it("should make 16 characters by default that pass the policy and have no ambiguous characters", () => {
    for (let i = 0; i < 2_000; i++) {
      const p = generateOneTimePassword(randomBytes);
      assert.equal(p.length, 16);
      assert.deepEqual(checkPasswordPolicy(p), { ok: true }, p);
      assert.equal(ambiguous.test(p), false, p);
      assert.match(p, /[a-z]/);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[2-9]/);
      assert.match(p, /[#%*+\-=?@_]/);
    }
  });

  it("should honour the length from 8 to 128", () => {
    assert.equal(generateOneTimePassword(randomBytes, 8).length, 8);
    assert.equal(generateOneTimePassword(randomBytes, 128).length, 128);
    assert.deepEqual(checkPasswordPolicy(generateOneTimePassword(randomBytes, 8)), { ok: true });
    for (const bad of [7, 129, 12.5, Number.NaN]) assert.throws(() => generateOneTimePassword(randomBytes, bad), RangeError);
  });

  it("should be a pure function of the random bytes", () => {
    let counter = 0;
    const counting = (n: number) => Uint8Array.from({ length: n }, () => counter++ % 256);
    const first = generateOneTimePassword(counting);
    counter = 0;
    assert.equal(generateOneTimePassword(counting), first);
    assert.deepEqual(checkPasswordPolicy(first), { ok: true });
  });

  it("should not repeat across calls with a real random source", () => {
    const seen = new Set(Array.from({ length: 1_000 }, () => generateOneTimePassword(randomBytes)));
    assert.equal(seen.size, 1_000);
  });

  it("should use every allowed character and none other", () => {
    const used = new Set(Array.from({ length: 500 }, () => generateOneTimePassword(randomBytes, 64)).join(""));
    assert.equal([...used].sort().join(""), [..."abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789#%*+-=?@_"].sort().join(""));
  });

  it("should fail loudly rather than loop on a broken random source", () => {
    // The first draw is from 24 lowercase letters, which accepts only bytes below 240: 255 is always refused.
    assert.throws(() => generateOneTimePassword((n) => new Uint8Array(n).fill(255)), /randomBytes does not look random/);
    assert.throws(() => generateOneTimePassword(() => new Uint8Array(0)), /randomBytes returned no bytes/);
  });
});
