/**
 * 网上信访 for the public (第21条): no account. A submission returns a query code, shown once and kept only
 * as a keyed hash; with it the petitioner sees the progress of that one case and gives the evaluation.
 * Nothing here reveals whether any other case exists.
 */
import { randomInt } from 'node:crypto';
import { AppError } from '@zhongshu/core';
import { petitionWorkflow } from '@zhongshu/core/workflow/index.ts';
import { petitions as repo, units } from '@zhongshu/db';
import type { AppContext } from '../../context.ts';
import { recordAudit } from '../../lib/audit.ts';
import { piiHash } from '../../lib/pii.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { MODULE, petitionsChanged, registerPetition, serialText } from './petitions.service.ts';

// Crockford base32 without I, L, O, U: nothing to misread when a code is copied by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeHash = (ctx: AppContext, code: string) => piiHash(ctx.config, `query:${code.replace(/[\s-]/g, '').toUpperCase()}`);

export async function publicUnits(ctx: AppContext) {
  const all = await units.listUnits(ctx.db);
  return { items: all.filter((u) => u.kind === 'township').map((u) => ({ id: u.id, name: u.name })) };
}

export async function publicCategories(ctx: AppContext) {
  return { items: (await repo.categories(ctx.db)).filter((c) => !c.disabled).map((c) => ({ id: c.id, name: c.name })) };
}

export async function publicSubmit(ctx: AppContext, body: { name: string; idNumber?: string; phone: string; address?: string; townshipId: string; categoryId?: string; summary: string; content: string }) {
  const code = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const categoryId = body.categoryId ?? (await repo.categories(ctx.db)).find((c) => c.name === '其他')?.id ?? '';
  await registerPetition(
    ctx,
    null,
    {
      channel: 'online', kind: 'appeal', summary: body.summary, content: body.content, townshipId: body.townshipId, categoryId, firstOrgan: 'none',
      petitioner: { name: body.name, idNumber: body.idNumber, phone: body.phone, address: body.address },
    },
    { queryCodeHash: codeHash(ctx, code) },
  ).catch((e: unknown) => {
    // The public learns neither that an earlier case exists nor its number.
    if (e instanceof AppError && e.code === 'PETITION_FINAL') throw new AppError('PETITION_FINAL');
    // The staff form's field names, re-pointed at this form's.
    if (e instanceof AppError && e.field?.startsWith('petitioner.')) {
      const field = e.field.slice('petitioner.'.length);
      throw new AppError(e.code, e.message.replace(/^信访人/, ''), field);
    }
    throw e;
  });
  return { queryCode: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}` };
}

async function byCode(ctx: AppContext, queryCode: string) {
  const p = await repo.petitionByQueryHash(ctx.db, codeHash(ctx, queryCode));
  if (!p) throw new AppError('NOT_FOUND', '查询码不正确，请核对后重新输入');
  return p;
}

const PUBLIC_STEPS: Record<string, string> = { register: '已登记', accept: '已受理', route_legal: '已告知通过法定途径解决', not_accept: '不予受理', reply: '已答复', decide_review: '已作出复查意见', decide_recheck: '已作出复核意见', close: '已办结' };

/** 第34条: an extension is told to the petitioner with its reason (the unit's request). */
function extensionStep(events: { action: string; comment: string | null; data: string | null; at: string }[], approval: { at: string }): string {
  const request = events.filter((e) => e.action === 'request_extension' && e.at <= approval.at).pop();
  const days = request?.data ? (JSON.parse(request.data) as { days?: number }).days : undefined;
  return `办理期限延长${days ? `${days}日` : ''}${request?.comment ? `，原因：${request.comment}` : ''}`;
}

export async function publicQuery(ctx: AppContext, queryCode: string) {
  const p = await byCode(ctx, queryCode);
  const events = await repo.eventsOf(ctx.db, p.id);
  return {
    serial: serialText(p),
    receivedAt: p.received_at,
    stateLabel: petitionWorkflow.states[p.state as keyof typeof petitionWorkflow.states]?.label ?? p.state,
    // A case re-routed after an objection is accepted twice; the petitioner sees it once.
    steps: events
      .filter((e) => PUBLIC_STEPS[e.action] || e.action === 'approve_extension')
      .map((e) => ({ label: e.action === 'approve_extension' ? extensionStep(events, e) : PUBLIC_STEPS[e.action]!, at: e.at }))
      .filter((s, i, all) => i === 0 || all[i - 1]!.label !== s.label),
    reply: p.reply,
    canEvaluate: (p.state === 'replied' || p.state === 'review_decided' || p.state === 'closed') && !p.evaluation && p.reply !== null,
    // The petitioner's own rating, so a later look-up shows it was recorded.
    evaluation: p.evaluation,
  };
}

export async function publicEvaluate(ctx: AppContext, queryCode: string, evaluation: string) {
  const p = await byCode(ctx, queryCode);
  if (!(p.state === 'replied' || p.state === 'review_decided' || p.state === 'closed') || p.reply === null) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '答复之后才能评价');
  if (p.evaluation) throw new AppError('WORKFLOW_ACTION_NOT_ALLOWED', '已经评价过，不能重复评价');
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updatePetition(tx, p.id, { evaluation, updated_at: at });
    await repo.insertEvent(tx, { id: uuidv7(), petition_id: p.id, action: 'evaluate', from_state: p.state, to_state: p.state, actor_id: 'public', actor_name: '信访人（网上评价）', comment: null, data: JSON.stringify({ evaluation }), at });
    await recordAudit(tx, ctx, { id: null, displayName: '信访人（网上评价）', ip: null }, { action: 'petition.public_evaluate', entityType: MODULE, entityId: p.id, detail: { evaluation } });
  });
  petitionsChanged();
  return publicQuery(ctx, queryCode);
}
