// 主体 up to the 正文: 标题, 主送机关 and the body (GB/T 9704-2012 7.3.1–7.3.3).
import { Input } from 'antd';
import { useEditor, useFieldStatus } from './editor-context';
import { dropSource, setElement } from './editor-model';
import { ElementField, fieldId } from './element-field';
import { NameTagsSelect } from './name-tags-select';
import { BodyEditor } from './body-editor';

/** 文种 that are published rather than addressed, and so usually carry no 主送机关. */
const UNADDRESSED_TYPES = new Set(['公告', '通告', '公报', '纪要', '决议', '命令']);

export function MainSection() {
  const { content, update, pickers } = useEditor();
  const titleStatus = useFieldStatus('title');
  const recipientsStatus = useFieldStatus('primaryRecipients');
  const el = content.elements;
  const unaddressed = content.documentType ? UNADDRESSED_TYPES.has(content.documentType) : false;

  return (
    <div className="zs-editor-section">
      <ElementField path="title" label="标题" hint="发文机关名称＋事由＋文种，末尾不加标点">
        <Input.TextArea
          id={fieldId('title')}
          data-testid="editor-title"
          className="zs-editor-title"
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={200}
          value={el.title ?? ''}
          status={titleStatus}
          placeholder="如：中共××县委办公室关于做好2026年防汛工作的通知"
          onChange={(e) => update((c) => setElement(c, 'title', e.target.value.replace(/\r?\n/g, '') || undefined))}
          onKeyDown={(e) => {
            // The title is one line of text; the renderer breaks it into lines.
            if (e.key === 'Enter') e.preventDefault();
          }}
        />
      </ElementField>
      <ElementField
        path="primaryRecipients"
        label="主送机关"
        hint={unaddressed ? `${content.documentType}一般不标注主送机关` : '从组织机构中选择，或输入外单位名称后按回车'}
      >
        <NameTagsSelect
          id={fieldId('primaryRecipients')}
          testId="editor-primary-recipients"
          value={el.primaryRecipients}
          onChange={(names) => update((c) => setElement(dropSource(c, 'primaryRecipients'), 'primaryRecipients', names))}
          options={pickers.unitNameOptions}
          placeholder="选择或输入主送机关"
          status={recipientsStatus}
        />
      </ElementField>
      <div className="zs-editor-field">
        <div className="zs-editor-field-label">
          正文
          <span className="zs-editor-field-hint">
            回车另起一段；以“一、”“（一）”“1.”“（1）”开头的段落自动设为相应层级标题并按顺序编号；可从 Word/WPS 直接粘贴全文
          </span>
        </div>
        <BodyEditor />
      </div>
    </div>
  );
}
