// After 正文: 附件说明, 发文机关署名 (or 签名章), 成文日期, 印章, 附注, and for 纪要 出席/请假/列席
// (GB/T 9704-2012 7.3.4–7.3.7, 10.3).
import { Button, Checkbox, Col, DatePicker, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { GongwenElements, SignatureStamp } from '@zhongshu/core/gongwen/model.ts';
import { useEditor, useFieldStatus, statusOf } from './editor-context';
import { dropSource, numberAttachmentNotes, setElement } from './editor-model';
import { ElementField, fieldId } from './element-field';
import { NAME_SEPARATORS, NameTagsSelect } from './name-tags-select';

export function ClosingSection() {
  const { content } = useEditor();
  const isMinutes = content.format === '纪要式' || content.documentType === '纪要';
  return (
    <div className="zs-editor-section">
      <AttachmentNotesField />
      {content.format === '命令式' ? <SignatureStampsField /> : <IssuerSignaturesField />}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <DateField element="issueDate" label="成文日期" hint="以负责人签发日期为准" />
        </Col>
        <Col xs={24} md={12}>
          <SealedField />
        </Col>
      </Row>
      <NoteField />
      {isMinutes ? <AttendanceFields /> : null}
      <PrintedAttachments />
    </div>
  );
}

function AttachmentNotesField() {
  const { content, update, severityByElement } = useEditor();
  const notes = content.elements.attachmentNotes ?? [];
  const setNames = (names: string[]) => update((c) => setElement(c, 'attachmentNotes', numberAttachmentNotes(names)));
  const names = notes.map((n) => n.name);
  return (
    <ElementField path="attachmentNotes" label="附件说明" hint="附件名称后不加标点；多个附件自动编号">
      {notes.map((note, i) => (
        <div key={i} className="zs-editor-list-row" data-element={`attachmentNotes[${i}]`}>
          <span className="zs-editor-list-marker">{i === 0 ? '附件：' : ''}{notes.length > 1 ? `${i + 1}.` : ''}</span>
          <Input
            id={i === 0 ? fieldId('attachmentNotes') : undefined}
            aria-label={`附件说明第${i + 1}项`}
            value={note.name}
            status={statusOf(severityByElement.get(`attachmentNotes[${i}]`))}
            maxLength={120}
            placeholder="附件名称"
            onChange={(e) => setNames(names.map((n, k) => (k === i ? e.target.value : n)))}
          />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该附件说明" onClick={() => setNames(names.filter((_, k) => k !== i))} />
        </div>
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setNames([...names, ''])}>
        添加附件说明
      </Button>
    </ElementField>
  );
}

function IssuerSignaturesField() {
  const { content, update, pickers } = useEditor();
  const status = useFieldStatus('issuerSignatures');
  return (
    <ElementField path="issuerSignatures" label="发文机关署名" hint="署发文机关全称或规范化简称；联合行文主办机关在前">
      <NameTagsSelect
        id={fieldId('issuerSignatures')}
        value={content.elements.issuerSignatures}
        onChange={(names) => update((c) => setElement(c, 'issuerSignatures', names))}
        options={pickers.unitNameOptions}
        placeholder="选择或输入发文机关"
        status={status}
      />
    </ElementField>
  );
}

/** 命令（令）: 签发人职务 and the name on the 签名章, 主办机关's signer first (7.3.5.3). */
function SignatureStampsField() {
  const { content, update } = useEditor();
  const stamps = content.elements.signatureStamps ?? [];
  const setStamps = (next: SignatureStamp[]) => update((c) => setElement(c, 'signatureStamps', next));
  return (
    <ElementField path="signatureStamps" label="签发人职务和签名章" hint="命令（令）以签名章代替发文机关署名">
      {stamps.map((stamp, i) => (
        <div key={i} className="zs-editor-list-row">
          <Input
            aria-label={`第${i + 1}个签发人职务`}
            value={stamp.title}
            placeholder="职务全称，如：县长"
            onChange={(e) => setStamps(stamps.map((s, k) => (k === i ? { ...s, title: e.target.value } : s)))}
          />
          <Input
            aria-label={`第${i + 1}个签名章姓名`}
            value={stamp.name}
            placeholder="姓名"
            style={{ maxWidth: 160 }}
            onChange={(e) => setStamps(stamps.map((s, k) => (k === i ? { ...s, name: e.target.value } : s)))}
          />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该签名章" onClick={() => setStamps(stamps.filter((_, k) => k !== i))} />
        </div>
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setStamps([...stamps, { title: '', name: '' }])}>
        添加签名章
      </Button>
    </ElementField>
  );
}

/** A date element, stored as YYYY-MM-DD; the renderer writes it as 2026年1月5日. */
export function DateField({ element, label, hint }: { element: 'issueDate' | 'printingDate'; label: string; hint?: string }) {
  const { content, update } = useEditor();
  const status = useFieldStatus(element);
  const value = content.elements[element];
  return (
    <ElementField path={element} label={label} hint={hint}>
      <DatePicker
        id={fieldId(element)}
        style={{ width: '100%' }}
        value={value ? dayjs(value) : null}
        format="YYYY年M月D日"
        status={status}
        onChange={(day) => update((c) => setElement(dropSource(c, element), element, day ? day.format('YYYY-MM-DD') : undefined))}
      />
    </ElementField>
  );
}

function SealedField() {
  const { content, update } = useEditor();
  return (
    <ElementField path="sealed" label="印章">
      <Checkbox
        id={fieldId('sealed')}
        checked={content.elements.sealed === true}
        onChange={(e) => update((c) => setElement(c, 'sealed', e.target.checked))}
      >
        加盖印章（决定署名和成文日期的位置）
      </Checkbox>
    </ElementField>
  );
}

function NoteField() {
  const { content, update } = useEditor();
  const status = useFieldStatus('note');
  return (
    <ElementField path="note" label="附注" hint="不加圆括号，如：此件公开发布；联系人：××，电话：××">
      <Input
        id={fieldId('note')}
        value={content.elements.note ?? ''}
        status={status}
        maxLength={200}
        onChange={(e) => update((c) => setElement(c, 'note', e.target.value || undefined))}
      />
    </ElementField>
  );
}

const ATTENDANCE: { key: keyof Pick<GongwenElements, 'attendees' | 'absentees' | 'nonVotingAttendees'>; label: string }[] = [
  { key: 'attendees', label: '出席' },
  { key: 'absentees', label: '请假' },
  { key: 'nonVotingAttendees', label: '列席' },
];

/** 纪要: 出席, 请假 and 列席, names in order (10.3). */
function AttendanceFields() {
  const { content, update, pickers } = useEditor();
  return (
    <>
      {ATTENDANCE.map(({ key, label }) => (
        <ElementField key={key} path={key} label={label}>
          <NameTagsSelect
            id={fieldId(key)}
            value={content.elements[key]}
            onChange={(names) => update((c) => setElement(c, key, names))}
            options={pickers.personNameOptions}
            separators={NAME_SEPARATORS}
            placeholder={`选择或输入${label}人员姓名`}
          />
        </ElementField>
      ))}
    </>
  );
}

/** 附件 printed after the 主体, as read from an uploaded .docx or a pasted document: kept, and removable. */
function PrintedAttachments() {
  const { content, update } = useEditor();
  const attachments = content.elements.attachments ?? [];
  if (attachments.length === 0) return null;
  return (
    <ElementField path="attachments" label="附件正文" hint="从导入的文稿中识别，随正文一并印制">
      {attachments.map((attachment, i) => (
        <div key={i} className="zs-editor-list-row" data-element={`attachments[${i}]`}>
          <span className="zs-editor-list-marker">附件{attachment.index ?? ''}</span>
          <span className="zs-editor-list-text">
            {attachment.title || '（无标题）'}
            <span className="zs-text-muted">（{attachment.body.length} 段）</span>
          </span>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label="移除该附件正文"
            onClick={() => update((c) => setElement(c, 'attachments', (c.elements.attachments ?? []).filter((_, k) => k !== i)))}
          />
        </div>
      ))}
    </ElementField>
  );
}
