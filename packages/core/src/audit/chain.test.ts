import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, getHashes } from "node:crypto";
import { canonicalAuditString, computeRowHash, GENESIS_HASH, verifyChain, verifyChainAsync, type AuditPayload, type AuditRow } from "./chain.ts";

const sm3 = (s: string) => createHash("sm3").update(s, "utf8").digest("hex");

function payload(seq: number, overrides: Partial<AuditPayload> = {}): AuditPayload {
  return {
    seq,
    at: `2026-10-08T02:00:${String(seq % 60).padStart(2, "0")}.000Z`,
    actorId: "u-1001",
    actorName: "张三",
    ip: "10.0.0.8",
    action: "assignment.sign",
    entityType: "assignment",
    entityId: `a-${seq}`,
    detail: JSON.stringify({ comment: "已签收" }),
    ...overrides,
  };
}

/** Builds a valid chain the way the server will: each row hashed onto the previous row's hash. */
function buildChain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const p = payload(seq, seq === 3 ? { actorId: null, actorName: null, ip: null, entityType: null, entityId: null, detail: null } : {});
    const hash = computeRowHash(sm3, prevHash, p);
    rows.push({ ...p, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe("SM3 in node:crypto", () => {
  it("should be available and give the GB/T 32905 test vector for 'abc'", () => {
    assert.equal(getHashes().includes("sm3"), true);
    assert.equal(sm3("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });
});

describe("canonicalAuditString", () => {
  it("should serialise a format tag, prevHash and the fields in fixed order as a JSON array", () => {
    assert.equal(
      canonicalAuditString(GENESIS_HASH, payload(7)),
      `["zhongshu-audit-v1","${"0".repeat(64)}",7,"2026-10-08T02:00:07.000Z","u-1001","张三","10.0.0.8","assignment.sign","assignment","a-7","{\\"comment\\":\\"已签收\\"}"]`,
    );
  });

  it("should not depend on the order the row's keys were written in", () => {
    const p = payload(2);
    const reversed = Object.fromEntries(Object.entries(p).reverse()) as AuditPayload;
    assert.equal(canonicalAuditString(GENESIS_HASH, reversed), canonicalAuditString(GENESIS_HASH, p));
  });

  it("should tell null apart from an empty string and from the text null", () => {
    const a = canonicalAuditString(GENESIS_HASH, payload(1, { detail: null }));
    const b = canonicalAuditString(GENESIS_HASH, payload(1, { detail: "" }));
    const c = canonicalAuditString(GENESIS_HASH, payload(1, { detail: "null" }));
    assert.equal(new Set([a, b, c]).size, 3);
  });

  it("should not let text moved between fields give the same string", () => {
    const a = canonicalAuditString(GENESIS_HASH, payload(1, { actorName: "张三\",\"10.0.0.8", ip: null }));
    const b = canonicalAuditString(GENESIS_HASH, payload(1, { actorName: "张三", ip: "10.0.0.8" }));
    assert.notEqual(a, b);
  });

  it("should refuse a seq that is not an integer, such as a PostgreSQL bigint read back as text", () => {
    assert.throws(() => canonicalAuditString(GENESIS_HASH, payload(1, { seq: "1" as unknown as number })), TypeError);
    assert.throws(() => canonicalAuditString(GENESIS_HASH, payload(1, { seq: 1.5 })), TypeError);
    assert.throws(() => canonicalAuditString(GENESIS_HASH, payload(1, { ip: 17 as unknown as string })), TypeError);
  });
});

describe("computeRowHash", () => {
  it("should hash the canonical string with the injected function", () => {
    const p = payload(1);
    assert.equal(computeRowHash(sm3, GENESIS_HASH, p), sm3(canonicalAuditString(GENESIS_HASH, p)));
    assert.match(computeRowHash(sm3, GENESIS_HASH, p), /^[0-9a-f]{64}$/);
  });

  it("should change when prevHash changes", () => {
    const p = payload(1);
    assert.notEqual(computeRowHash(sm3, GENESIS_HASH, p), computeRowHash(sm3, "1".repeat(64), p));
  });
});

describe("verifyChain", () => {
  it("should accept an intact chain and count its rows", () => {
    assert.deepEqual(verifyChain(sm3, buildChain(10)), { ok: true, count: 10 });
  });

  it("should accept an empty chain", () => {
    assert.deepEqual(verifyChain(sm3, []), { ok: true, count: 0 });
  });

  it("should accept rows streamed from a generator", () => {
    const rows = buildChain(5);
    function* stream() {
      yield* rows;
    }
    assert.deepEqual(verifyChain(sm3, stream()), { ok: true, count: 5 });
  });

  it("should detect a changed field at that row", () => {
    const rows = buildChain(10);
    rows[4] = { ...rows[4], detail: JSON.stringify({ comment: "未签收" }) };
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 5, count: 4, reason: "第5条记录的哈希值与内容不符" });
  });

  it("should detect a null field filled in afterwards", () => {
    const rows = buildChain(10);
    rows[2] = { ...rows[2], actorName: "李四" };
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 3, count: 2, reason: "第3条记录的哈希值与内容不符" });
  });

  it("should detect a changed row whose hash was recomputed, at the next row", () => {
    const rows = buildChain(10);
    const changed = { ...rows[4], action: "assignment.confirm" };
    rows[4] = { ...changed, hash: computeRowHash(sm3, changed.prevHash, changed) };
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 6, count: 5, reason: "第6条记录与前一条记录的链接断开" });
  });

  it("should detect a deleted row", () => {
    const rows = buildChain(10);
    rows.splice(6, 1); // seq 7
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 8, count: 6, reason: "序号不连续：第6条之后是第8条" });
  });

  it("should detect a deleted row even when later rows were renumbered", () => {
    const rows = buildChain(10);
    rows.splice(6, 1);
    for (let i = 6; i < rows.length; i++) rows[i] = { ...rows[i], seq: i + 1 };
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 7, count: 6, reason: "第7条记录与前一条记录的链接断开" });
  });

  it("should detect deletion of the first row", () => {
    const rows = buildChain(10).slice(1);
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 2, count: 0, reason: "第2条记录与前一条记录的链接断开" });
  });

  it("should detect two rows swapped", () => {
    const rows = buildChain(10);
    [rows[3], rows[4]] = [rows[4], rows[3]];
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 5, count: 3, reason: "序号不连续：第3条之后是第5条" });
  });

  it("should detect two rows swapped with their seq values swapped back", () => {
    const rows = buildChain(10);
    const [a, b] = [rows[3], rows[4]];
    rows[3] = { ...b, seq: a.seq };
    rows[4] = { ...a, seq: b.seq };
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 4, count: 3, reason: "第4条记录与前一条记录的链接断开" });
  });

  it("should detect a tampered hash column", () => {
    const rows = buildChain(3);
    rows[2] = { ...rows[2], hash: "f".repeat(64) };
    assert.deepEqual(verifyChain(sm3, rows), { ok: false, brokenAtSeq: 3, count: 2, reason: "第3条记录的哈希值与内容不符" });
  });

  it("should report a malformed row instead of throwing", () => {
    const rows = buildChain(3);
    rows[1] = { ...rows[1], entityId: 42 as unknown as string };
    assert.deepEqual(verifyChain(sm3, rows), {
      ok: false,
      brokenAtSeq: 2,
      count: 1,
      reason: "第2条记录的字段格式无效：entityId must be a string or null (seq 2)",
    });
  });
});

describe("verifyChainAsync", () => {
  async function* batches(rows: AuditRow[]) {
    for (const r of rows) yield r;
  }

  it("should accept an intact chain read asynchronously", async () => {
    assert.deepEqual(await verifyChainAsync(sm3, batches(buildChain(10))), { ok: true, count: 10 });
  });

  it("should report the same break as verifyChain and stop reading there", async () => {
    const rows = buildChain(10);
    rows[4] = { ...rows[4], ip: "10.0.0.9" };
    let read = 0;
    async function* counted() {
      for (const r of rows) {
        read++;
        yield r;
      }
    }
    assert.deepEqual(await verifyChainAsync(sm3, counted()), { ok: false, brokenAtSeq: 5, count: 4, reason: "第5条记录的哈希值与内容不符" });
    assert.deepEqual(await verifyChainAsync(sm3, rows), verifyChain(sm3, rows));
    assert.equal(read, 5);
  });
});
