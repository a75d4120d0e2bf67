/** Audit log hash chain (SM3 injected by the caller). */
export { canonicalAuditString, computeRowHash, GENESIS_HASH, verifyChain, verifyChainAsync } from "./chain.ts";
export type { AuditPayload, AuditRow, ChainVerification } from "./chain.ts";
