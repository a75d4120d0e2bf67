import { Select } from 'antd';
import type { NameOption } from './use-editor-pickers';

/** Organ lists split on ，and ；only: 、 joins organs inside one group ("各乡、镇人民政府"). */
export const ORGAN_SEPARATORS = ['，', ',', '；', ';'];
/** Lists of people (签发人, 出席) also split on 、 */
export const NAME_SEPARATORS = ['，', ',', '；', ';', '、'];

/**
 * A list of names picked from the directory or typed (outside organs, guests): 主送, 抄送, 署名, 签发人, 出席.
 * Names are the stored value because the 公文 prints names, not ids.
 */
export function NameTagsSelect({
  id,
  value,
  onChange,
  options,
  placeholder,
  status,
  separators = ORGAN_SEPARATORS,
  disabled,
  testId,
}: {
  id?: string;
  value: readonly string[] | undefined;
  onChange: (names: string[]) => void;
  options: NameOption[];
  placeholder?: string;
  status?: 'error' | 'warning';
  separators?: string[];
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <Select<string[]>
      id={id}
      mode="tags"
      data-testid={testId}
      style={{ width: '100%' }}
      value={value ? [...value] : []}
      onChange={(names) => onChange([...new Set(names.map((name) => name.trim()).filter(Boolean))])}
      options={options}
      placeholder={placeholder}
      status={status}
      tokenSeparators={separators}
      optionRender={(option) => <span style={{ paddingLeft: (option.data.depth ?? 0) * 14 }}>{option.label}</span>}
      showSearch={{ optionFilterProp: 'label' }}
      disabled={disabled}
      allowClear
    />
  );
}
