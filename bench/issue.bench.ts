/**
 * 印发 to 300 units (issue 3: "issuing to 300 recipient units in under 2 s"): a 县委 notice taken
 * through the real API by the people the flow asks for — the 县委办 clerk drafts it (拟稿) and
 * submits it (送核稿), an office 文书 passes it (核稿), the leader signs it (签发), the clerk registers
 * it with 300 recipient units (编号登记) and seals it (用印) — then POST …/actions/issue, which writes
 * an incoming copy, its history and the 签收 to-dos for every recipient, is timed on its own.
 *
 * Any refused step stops the bench with the exact request and answer.
 */
import type { GongwenDocument } from '../packages/core/src/gongwen/index.ts';
import type { IssuePlan } from './generate-documents.ts';

export interface ApiSession {
  token: string;
  csrf: string;
}

async function call(base: string, s: ApiSession, method: string, path: string, body?: unknown): Promise<{ ms: number; json: any; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(base + path, {
    method,
    headers: { cookie: `zs_session=${s.token}`, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) {
    const shown = body === undefined ? '' : ` ${JSON.stringify(body).slice(0, 600)}${JSON.stringify(body).length > 600 ? '…' : ''}`;
    throw new Error(`${method} ${path}${shown}\n  → ${res.status} ${text.slice(0, 2000)}`);
  }
  return { ms, json: JSON.parse(text), bytes: text.length };
}

const PARAGRAPHS = [
  '为深入贯彻落实上级关于信访工作的决策部署，进一步压实各级各部门信访工作责任，推动信访积案化解取得实效，经县委同意，现就有关事项通知如下。',
  '各乡镇、各部门要充分认识做好信访工作的重要性和紧迫性，主要负责同志要亲自研究、亲自部署、亲自督促，分管负责同志要靠前指挥、具体抓落实。',
  '要坚持问题导向，对辖区内信访积案开展拉网式排查，逐案建立问题清单、责任清单和整改清单，实行销号管理，做到底数清、情况明、措施实。',
  '要健全工作机制，建立定期调度、分析研判、督查通报等制度，每月召开一次专题会议，研究解决工作推进中的困难和问题。',
  '县委办公室、县政府办公室将把信访积案化解工作纳入年度重点督查事项，对工作推进不力、措施落实不到位的单位和个人严肃追究责任。',
];

function notice(plan: IssuePlan, title: string, today: string): GongwenDocument {
  return {
    documentType: '通知',
    format: '文件式',
    elements: {
      issuerMark: `${plan.issuerName}文件`,
      title,
      primaryRecipients: ['各乡镇党委', '县委各部委', '县直各单位党组（党委）', '各村党支部'],
      body: [
        { kind: 'paragraph', text: PARAGRAPHS[0]! },
        { kind: 'heading', level: 1, marker: '一、', text: '提高思想认识' },
        { kind: 'paragraph', text: PARAGRAPHS[1]! },
        { kind: 'heading', level: 1, marker: '二、', text: '全面排查化解' },
        { kind: 'paragraph', text: PARAGRAPHS[2]! },
        { kind: 'heading', level: 1, marker: '三、', text: '健全工作机制' },
        { kind: 'paragraph', text: PARAGRAPHS[3]! },
        { kind: 'heading', level: 1, marker: '四、', text: '严格督查问责' },
        { kind: 'paragraph', text: PARAGRAPHS[4]! },
      ],
      issuerSignatures: [plan.issuerName],
      issueDate: today,
      sealed: true,
    },
  };
}

/** One document through to 印发; returns the issue step's wall time. */
export async function issueToUnits(
  base: string,
  who: { clerk: ApiSession; reviewer: ApiSession; signer: ApiSession },
  plan: IssuePlan,
  run: number,
): Promise<{ id: string; ms: number; recipients: number; bytes: number }> {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const title = `关于开展信访积案化解攻坚行动的通知（基准测试第${run + 1}号）`;
  const { json: created } = await call(base, who.clerk, 'POST', '/api/documents/outgoing', { issuerUnitId: plan.issuerUnitId, docType: '通知', title, content: notice(plan, title, today) });
  const id: string = created.id;
  const act = (s: ApiSession, action: string, body: Record<string, unknown> = {}) => call(base, s, 'POST', `/api/documents/${id}/actions/${action}`, body);
  await act(who.clerk, 'submit', { reviewerId: plan.reviewerId, signerIds: [plan.signerId] });
  const { json: reviewed } = await call(base, who.reviewer, 'GET', `/api/documents/${id}`);
  const errors = (reviewed.findings as { severity: string }[]).filter((f) => f.severity === 'error').length;
  await act(who.reviewer, 'review_pass', errors ? { overrideReason: '基准测试文稿' } : { comment: '文稿已核，同意报签。' });
  await act(who.signer, 'sign', { comment: '同意印发。' });
  const distribution = plan.recipients.map((r) => ({ unitId: r.unitId, name: r.name, kind: 'primary', copies: 2 }));
  await act(who.clerk, 'register', { copies: distribution.length * 2 + 10, distribution });
  await act(who.clerk, 'seal', {});
  const issued = await act(who.clerk, 'issue', {});
  if (issued.json.state !== 'issued') throw new Error(`POST /api/documents/${id}/actions/issue answered state ${issued.json.state}`);
  const sent = (issued.json.distributions as { sentAt: string | null }[]).filter((d) => d.sentAt).length;
  if (sent !== plan.recipients.length) throw new Error(`POST /api/documents/${id}/actions/issue: ${sent} of ${plan.recipients.length} distributions sent`);
  return { id, ms: issued.ms, recipients: sent, bytes: issued.bytes };
}
