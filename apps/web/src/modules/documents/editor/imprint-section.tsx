// 版记: 抄送机关, 印发机关 and 印发日期 (GB/T 9704-2012 7.4).
import { Col, Input, Row } from 'antd';
import { useEditor, useFieldStatus } from './editor-context';
import { dropSource, setElement } from './editor-model';
import { ElementField, fieldId } from './element-field';
import { NameTagsSelect } from './name-tags-select';
import { DateField } from './closing-section';

export function ImprintSection() {
  const { content, update, pickers } = useEditor();
  const copyStatus = useFieldStatus('copyRecipients');
  const organStatus = useFieldStatus('printingOrgan');
  const el = content.elements;
  return (
    <div className="zs-editor-section">
      <ElementField path="copyRecipients" label="抄送机关" hint="上行文不得抄送下级机关">
        <NameTagsSelect
          id={fieldId('copyRecipients')}
          testId="editor-copy-recipients"
          value={el.copyRecipients}
          onChange={(names) => update((c) => setElement(dropSource(c, 'copyRecipients'), 'copyRecipients', names))}
          options={pickers.unitNameOptions}
          placeholder="选择或输入抄送机关"
          status={copyStatus}
        />
      </ElementField>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <ElementField path="printingOrgan" label="印发机关" hint="一般为发文机关的办公厅（室）">
            <Input
              id={fieldId('printingOrgan')}
              value={el.printingOrgan ?? ''}
              status={organStatus}
              maxLength={60}
              placeholder="如：中共××县委办公室"
              onChange={(e) => update((c) => setElement(c, 'printingOrgan', e.target.value || undefined))}
            />
          </ElementField>
        </Col>
        <Col xs={24} md={12}>
          <DateField element="printingDate" label="印发日期" hint="以公文送印日期为准" />
        </Col>
      </Row>
    </div>
  );
}
