// 版头: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人 (GB/T 9704-2012 7.2).
import { Checkbox, Col, Input, Row, Select, Switch } from 'antd';
import type { GongwenDocument } from '@zhongshu/core/gongwen/model.ts';
import { useEditor, useFieldStatus } from './editor-context';
import {
  CLASSIFICATION_OPTIONS,
  DOCUMENT_URGENCY_OPTIONS,
  classificationOfLevel,
  isUpwardType,
  levelOfClassification,
  markOfUrgency,
  setElement,
  urgencyOfMark,
} from './editor-model';
import { ElementField, fieldId } from './element-field';
import { NAME_SEPARATORS, NameTagsSelect } from './name-tags-select';
import type { DocumentClassification, DocumentUrgency } from './editor.api';

export function HeadSection() {
  const { content, update, important, setImportant } = useEditor();
  const el = content.elements;
  const classification = classificationOfLevel(el.classification?.level);
  const copyNumberStatus = useFieldStatus('copyNumber');

  const setClassification = (value: DocumentClassification) =>
    update((c) => {
      const level = levelOfClassification(value);
      const period = c.elements.classification?.period;
      return setElement(c, 'classification', level ? { level, ...(period ? { period } : {}) } : undefined);
    });
  const setPeriod = (period: string) =>
    update((c) => {
      const level = c.elements.classification?.level;
      return level ? setElement(c, 'classification', { level, ...(period.trim() ? { period: period.trim() } : {}) }) : c;
    });

  return (
    <div className="zs-editor-section">
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <ElementField path="copyNumber" label="份号" hint={classification !== 'none' ? '涉密公文必填' : undefined}>
            <Input
              id={fieldId('copyNumber')}
              value={el.copyNumber ?? ''}
              status={copyNumberStatus}
              maxLength={8}
              placeholder="如：000001"
              onChange={(e) => update((c) => setElement(c, 'copyNumber', e.target.value.trim() || undefined))}
            />
          </ElementField>
        </Col>
        <Col xs={12} md={6}>
          <ElementField path="classification" label="密级">
            <Select<DocumentClassification>
              id={fieldId('classification')}
              style={{ width: '100%' }}
              value={classification}
              options={CLASSIFICATION_OPTIONS}
              onChange={setClassification}
            />
          </ElementField>
        </Col>
        <Col xs={12} md={6}>
          <ElementField path="classification.period" label="保密期限">
            <Input
              id={fieldId('classification.period')}
              value={el.classification?.period ?? ''}
              disabled={classification === 'none'}
              placeholder={classification === 'none' ? '非密公文不填' : '如：1年、长期'}
              maxLength={20}
              onChange={(e) => setPeriod(e.target.value)}
            />
          </ElementField>
        </Col>
        <Col xs={12} md={6}>
          <ElementField path="urgency" label="紧急程度">
            <Select<DocumentUrgency>
              id={fieldId('urgency')}
              style={{ width: '100%' }}
              value={urgencyOfMark(el.urgency)}
              options={DOCUMENT_URGENCY_OPTIONS}
              onChange={(value) => update((c) => setElement(c, 'urgency', markOfUrgency(value)))}
            />
          </ElementField>
        </Col>
      </Row>
      <IssuerMarkField />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <ElementField path="documentNumber" label="发文字号">
            <Input
              id={fieldId('documentNumber')}
              value={el.documentNumber?.text ?? ''}
              disabled
              placeholder="编号登记时自动编排"
            />
          </ElementField>
        </Col>
        <Col xs={24} md={12}>
          <ElementField path="important" label="重要公文">
            <Switch
              id={fieldId('important')}
              checked={important}
              onChange={setImportant}
              checkedChildren="重要"
              unCheckedChildren="一般"
            />
            <span className="zs-editor-field-hint" style={{ marginLeft: 8 }}>
              重要公文须由主要负责人签发
            </span>
          </ElementField>
        </Col>
      </Row>
      <SignersField content={content} />
    </div>
  );
}

function markHint(format: string): string {
  if (format === '纪要式') return '如：××会议纪要';
  if (format === '命令式') return '发文机关全称加“命令”或“令”';
  if (format === '信函式') return '发文机关全称或规范化简称，不加“文件”';
  return '发文机关全称或规范化简称，后加“文件”二字';
}

/** 发文机关标志; for 联合行文 the organs stacked in order, 主办机关 first, and whether "文件" follows them. */
function IssuerMarkField() {
  const { content, update, pickers, hasCoIssuers } = useEditor();
  const el = content.elements;
  const status = useFieldStatus('issuerMark');
  // A 纪要's mark names the meeting ("××会议纪要") and a 命令's the order, whoever issues it jointly.
  const stacked = content.format === '文件式' || content.format === '信函式';
  const joint = stacked && (hasCoIssuers || (el.issuerMarkOrgans?.length ?? 0) > 0);

  if (!joint) {
    return (
      <ElementField path="issuerMark" label="发文机关标志" hint={markHint(content.format)}>
        <Input
          id={fieldId('issuerMark')}
          value={el.issuerMark ?? ''}
          status={status}
          maxLength={60}
          placeholder="如：中共××县委办公室文件"
          onChange={(e) => update((c) => setElement(c, 'issuerMark', e.target.value.trim() ? e.target.value : undefined))}
        />
      </ElementField>
    );
  }

  const organs = el.issuerMarkOrgans ?? (el.issuerMark ? [el.issuerMark.replace(/文件$/, '')] : []);
  const withSuffix = el.issuerMark ? /文件$/.test(el.issuerMark) : content.format === '文件式';
  const setMark = (nextOrgans: string[], suffix: boolean) =>
    update((c) => {
      const next = setElement(c, 'issuerMarkOrgans', nextOrgans);
      return setElement(next, 'issuerMark', nextOrgans.length ? nextOrgans.join('') + (suffix ? '文件' : '') : undefined);
    });

  return (
    <ElementField path="issuerMark" label="发文机关标志（联合行文）" hint="主办机关在前，依次排列">
      <div className="zs-editor-inline">
        <NameTagsSelect
          id={fieldId('issuerMark')}
          value={organs}
          onChange={(names) => setMark(names, withSuffix)}
          options={pickers.unitNameOptions}
          placeholder="选择或输入联合发文机关"
          status={status}
        />
        <Checkbox checked={withSuffix} onChange={(e) => setMark(organs, e.target.checked)} style={{ whiteSpace: 'nowrap' }}>
          加“文件”
        </Checkbox>
      </div>
    </ElementField>
  );
}

/** 签发人 — required on 上行文 (请示, 报告), shown otherwise only when the text already names one. */
function SignersField({ content }: { content: GongwenDocument }) {
  const { update, pickers } = useEditor();
  const status = useFieldStatus('signers');
  const signers = content.elements.signers;
  if (!isUpwardType(content.documentType) && !signers?.length) return null;
  return (
    <ElementField path="signers" label="签发人" hint="上行文应当标注签发人姓名；联合上报的依次标注">
      <NameTagsSelect
        id={fieldId('signers')}
        value={signers}
        onChange={(names) => update((c) => setElement(c, 'signers', names))}
        options={pickers.leaderNameOptions}
        separators={NAME_SEPARATORS}
        placeholder="选择签发领导姓名"
        status={status}
      />
    </ElementField>
  );
}
