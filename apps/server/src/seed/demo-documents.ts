import { units } from '@zhongshu/db';
import type { AppContext } from '../context.ts';
import { seedActor } from './seed-actor.ts';

const DEMO_TOWNSHIPS = ['中共示例县河西镇委员会', '中共示例县青山乡委员会', '中共示例县柳林乡委员会'];
import { createOutgoing, getDocumentDetail, registerIncoming, saveContent } from '../modules/documents/documents.service.ts';
import { actOnDocument } from '../modules/documents/documents.actions.ts';

/**
 * A few documents so the demo county's registers and queues are not empty: a 通知 from the 县委办
 * issued to three townships (awaiting their 签收), and a paper letter from the city awaiting 拟办.
 * They go through the real services, so they are exactly what users would have produced.
 */
export async function seedDemoDocuments(ctx: AppContext): Promise<void> {
  const actor = (username: string) => seedActor(ctx, username);
  const [wenshu, changwei] = await Promise.all([actor('wenshu'), actor('changwei')]);
  // The demo's own units: the database may hold others (an organisation imported before the demo).
  const officeUnit = (await units.getUnit(ctx.db, wenshu.unitId!))!;
  const townships = (await units.listUnits(ctx.db)).filter((u) => u.kind === 'township' && u.parent_id === officeUnit.parent_id && DEMO_TOWNSHIPS.includes(u.name));

  const { id } = await createOutgoing(ctx, wenshu, { issuerUnitId: officeUnit.id, docType: '通知', title: '关于做好今冬明春森林防火工作的通知', classification: 'none', urgency: 'urgent', important: false });
  const draft = await getDocumentDetail(ctx, wenshu, id, { auditRead: false });
  const content = draft.content!;
  content.elements.primaryRecipients = townships.map((u) => u.name);
  content.elements.body = [
    { kind: 'paragraph', text: '当前已进入森林防火紧要期。为切实做好今冬明春森林防火工作，现将有关事项通知如下。' },
    { kind: 'heading', level: 1, marker: '一、', text: '压实防火责任' },
    { kind: 'paragraph', text: '各乡镇要落实党政同责，逐村明确防火责任人，建立网格化管理台账。' },
    { kind: 'heading', level: 1, marker: '二、', text: '强化隐患排查' },
    { kind: 'paragraph', text: '11月30日前完成林区坟头、田边、地头隐患排查，排查情况报县委办公室。' },
  ];
  await saveContent(ctx, wenshu, id, { rev: draft.contentRev, content, title: content.elements.title });
  await actOnDocument(ctx, wenshu, id, 'submit', { reviewerId: changwei.id, signerIds: [changwei.id] });
  await actOnDocument(ctx, changwei, id, 'review_pass', { comment: '同意' });
  await actOnDocument(ctx, changwei, id, 'sign', { comment: '同意印发' });
  await actOnDocument(ctx, wenshu, id, 'register', { copies: 10 });
  await actOnDocument(ctx, wenshu, id, 'seal', {});
  await actOnDocument(ctx, wenshu, id, 'issue', {});

  await registerIncoming(ctx, wenshu, {
    title: '关于开展2026年度基层减负专项督查的通知', docType: '通知', senderName: '中共示例市委办公室', senderNumber: '示市委办发〔2026〕41号',
    classification: 'none', urgency: 'normal', important: false, copies: 2, receivedVia: '机要交通',
  }).then(({ id: inId }) => actOnDocument(ctx, wenshu, inId, 'accept', {}));
}
