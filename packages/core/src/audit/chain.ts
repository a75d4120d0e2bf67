/**
 * Audit hash chain: each audit row carries hash(prevHash + its own content), so changing,
 * deleting or reordering any row breaks the chain from that row on. The hash function (SM3 in
 * production, from node:crypto) is injected so this module stays pure.
 *
 * What the chain cannot show on its own: removal of the newest rows (the shortened chain is still
 * consistent), or a rewrite of the whole chain by someone with database access. Detecting those
 * needs the latest seq/hash kept somewhere else too.
 */

/** The fields of an audit row that the hash covers. */
export type AuditPayload = {
  /** Position in the chain: consecutive integers, one per row. */
  seq: number;
  /** The instant as stored, e.g. "2026-10-08T02:00:00.000Z"; hashed as text, so store and read back exactly this string. */
  at: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  detail: string | null;
};

/** A stored audit row: the payload plus its link to the previous row and its own hash. */
export type AuditRow = AuditPayload & { prevHash: string; hash: string };

/** The outcome of {@link verifyChain}; `count` is the number of rows verified intact (before the break, if any). */
export type ChainVerification = { ok: true; count: number } | { ok: false; brokenAtSeq: number; count: number; reason: string };

/** prevHash of the first row: 64 zeros, the width of an SM3 (and SHA-256) hex digest. */
export const GENESIS_HASH: string = "0".repeat(64);

// Bumped if the serialisation ever changes, so old and new rows can never be confused.
const FORMAT_VERSION = "zhongshu-audit-v1";

const NULLABLE_TEXT_FIELDS = ["actorId", "actorName", "ip", "entityType", "entityId", "detail"] as const;

/** Refuses rows whose fields would serialise ambiguously (e.g. a bigint seq read back as a string). */
function assertPayloadShape(prevHash: string, row: AuditPayload): void {
  if (typeof prevHash !== "string") throw new TypeError("prevHash must be a string");
  if (!Number.isSafeInteger(row.seq)) throw new TypeError(`seq must be a safe integer, got ${typeof row.seq} ${String(row.seq)}`);
  if (typeof row.at !== "string") throw new TypeError(`at must be a string (seq ${row.seq})`);
  if (typeof row.action !== "string") throw new TypeError(`action must be a string (seq ${row.seq})`);
  for (const f of NULLABLE_TEXT_FIELDS) {
    const v = row[f];
    if (v !== null && typeof v !== "string") throw new TypeError(`${f} must be a string or null (seq ${row.seq})`);
  }
}

/**
 * The exact text that is hashed: a JSON array with a format tag, prevHash and every field in a
 * fixed order. JSON escaping keeps it unambiguous (no separator can be forged inside a field) and
 * distinguishes null from "" and "null"; an array rather than an object means no key order to get wrong.
 * @throws TypeError when a field has the wrong type.
 */
export function canonicalAuditString(prevHash: string, row: AuditPayload): string {
  assertPayloadShape(prevHash, row);
  return JSON.stringify([
    FORMAT_VERSION,
    prevHash,
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.ip,
    row.action,
    row.entityType,
    row.entityId,
    row.detail,
  ]);
}

/** The hash to store on a new row, given the previous row's hash ({@link GENESIS_HASH} for the first). */
export function computeRowHash(hash: (s: string) => string, prevHash: string, row: AuditPayload): string {
  return hash(canonicalAuditString(prevHash, row));
}

/** Checks rows one at a time, so the sync and async walkers share one rule set. */
function createChainChecker(hash: (s: string) => string) {
  let count = 0;
  let previous: { seq: number; hash: string } | null = null;
  return {
    /** The failure this row reveals, or null when it extends the chain correctly. */
    check(row: AuditRow): ChainVerification | null {
      const expectedPrev = previous === null ? GENESIS_HASH : previous.hash;
      if (previous !== null && row.seq !== previous.seq + 1) {
        return { ok: false, brokenAtSeq: row.seq, count, reason: `序号不连续：第${previous.seq}条之后是第${String(row.seq)}条` };
      }
      if (row.prevHash !== expectedPrev) {
        return { ok: false, brokenAtSeq: row.seq, count, reason: `第${String(row.seq)}条记录与前一条记录的链接断开` };
      }
      let actual: string;
      try {
        actual = computeRowHash(hash, row.prevHash, row);
      } catch (e) {
        return { ok: false, brokenAtSeq: row.seq, count, reason: `第${String(row.seq)}条记录的字段格式无效：${(e as Error).message}` };
      }
      if (actual !== row.hash) {
        return { ok: false, brokenAtSeq: row.seq, count, reason: `第${String(row.seq)}条记录的哈希值与内容不符` };
      }
      previous = { seq: row.seq, hash: row.hash };
      count++;
      return null;
    },
    finish(): ChainVerification {
      return { ok: true, count };
    },
  };
}

/**
 * Walks the rows in chain order (ascending seq) and reports the first one that breaks the chain.
 * Per row: seq must follow the previous one; prevHash must equal the previous row's hash (genesis
 * for the first row); hash must match the content. A changed field shows up as a content
 * mismatch, a deleted or reordered row as a gap in seq, a re-hashed row as a broken link after it.
 * Rows removed from the end cannot be seen here: compare the result with a separately kept head.
 */
export function verifyChain(hash: (s: string) => string, rows: Iterable<AuditRow>): ChainVerification {
  const checker = createChainChecker(hash);
  for (const row of rows) {
    const failure = checker.check(row);
    if (failure !== null) return failure;
  }
  return checker.finish();
}

/**
 * {@link verifyChain} over an async iterable, e.g. rows read from the database a batch at a time,
 * so verifying millions of rows stays in bounded memory. Stops reading at the first break.
 */
export async function verifyChainAsync(
  hash: (s: string) => string,
  rows: AsyncIterable<AuditRow> | Iterable<AuditRow>,
): Promise<ChainVerification> {
  const checker = createChainChecker(hash);
  for await (const row of rows) {
    const failure = checker.check(row);
    if (failure !== null) return failure;
  }
  return checker.finish();
}
