import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Col, Input, Result, Row, Space, Switch, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/page-header';
import { useErrorToast } from '../../shared/use-error-toast';
import { downloadImportTemplate, useSupervisionImport, type ImportError, type ImportRow, type SupervisionImportResult } from './supervision.api';
import { IMPORT_COLUMNS, importFieldLabel, parsePastedRows } from './import-rows';
import './supervision.css';

const COLUMN_LIST = IMPORT_COLUMNS.map((column) => `${column.label}${column.required ? '*' : ''}`).join('、');

/** /supervision/import — 批量立项 from the template: an .xlsx file, or rows pasted straight from the sheet. */
export function SupervisionImportPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const importItems = useSupervisionImport();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [dispatch, setDispatch] = useState(false);
  const [downloading, setDownloading] = useState(false);
  /** The answer, with the rows sent when they were pasted (the server numbers those 1, 2, … in that order). */
  const [result, setResult] = useState<(SupervisionImportResult & { dispatched: boolean; pastedRows: ImportRow[] | null }) | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const pasted = useMemo(() => parsePastedRows(text), [text]);

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      await downloadImportTemplate();
    } catch (error) {
      toastError(error);
    } finally {
      setDownloading(false);
    }
  };

  const pickFile = (picked: File) => {
    setResult(null);
    setProblem(null);
    if (!/\.xlsx$/i.test(picked.name)) {
      setFile(null);
      message.error('请上传 .xlsx 格式的文件（可先下载模板填写）');
      return;
    }
    // One source at a time: a chosen file replaces pasted rows, and pasting replaces the file.
    setFile(picked);
    setText('');
  };

  const changeText = (value: string) => {
    setText(value);
    setResult(null);
    setProblem(null);
    if (value.trim()) setFile(null);
  };

  const submit = () => {
    setProblem(null);
    setResult(null);
    if (!file && !text.trim()) {
      setProblem('请先选择填好的 .xlsx 文件，或粘贴从模板中复制的事项行');
      return;
    }
    if (!file && pasted.rows.length === 0) {
      setProblem('粘贴的内容中没有识别到事项行，请确认复制的是模板中的事项行');
      return;
    }
    const request = file ? { kind: 'file' as const, file, dispatch } : { kind: 'rows' as const, rows: pasted.rows, dispatch };
    importItems.mutate(request, {
      onSuccess: (answer) => {
        setResult({ ...answer, dispatched: dispatch, pastedRows: request.kind === 'rows' ? request.rows : null });
        // Nothing is left to import twice: a second click needs a new file or new rows.
        if (answer.errors.length === 0 && answer.created > 0) {
          setFile(null);
          setText('');
        }
      },
      onError: toastError,
    });
  };

  const failed = result !== null && result.errors.length > 0;
  const succeeded = result !== null && result.errors.length === 0;

  return (
    <div>
      <PageHeader
        title="批量立项"
        subtitle="按模板一次录入多件督查事项；有任何一行出错时不会导入任何事项"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />}
      />
      <div className="zs-panel">
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div>
            <Typography.Text strong>第一步：</Typography.Text>下载模板，在“督查事项”工作表中每行填写一件事项（示例行不会导入）。{' '}
            <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} loading={downloading} data-testid="import-template">
              下载模板
            </Button>
            <div className="zs-cell-sub" style={{ marginTop: 6 }}>
              列顺序：{COLUMN_LIST}（带 * 为必填；配合单位用“、”分隔；办理期限格式 YYYY-MM-DD）
            </div>
          </div>

          <div>
            <Typography.Text strong>第二步：</Typography.Text>上传填好的文件，或直接从表格中复制事项行粘贴到右侧（二选一）。
          </div>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <div className="sv-section-title">上传 Excel 文件</div>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                showUploadList={false}
                height={170}
                disabled={importItems.isPending}
                beforeUpload={(picked) => {
                  pickFile(picked);
                  return false;
                }}
                data-testid="import-file"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{file ? `已选择：${file.name}` : '点击或拖拽 .xlsx 文件到此处'}</p>
                <p className="ant-upload-hint">{file ? '点击可重新选择' : '仅支持按模板填写的 .xlsx 文件'}</p>
              </Upload.Dragger>
            </Col>
            <Col xs={24} lg={14}>
              <div className="sv-section-title">或粘贴表格内容</div>
              <Input.TextArea
                value={text}
                onChange={(event) => changeText(event.target.value)}
                rows={6}
                placeholder="在 Excel 或 WPS 中选中模板里的事项行（可连同表头一起），复制后粘贴到这里；各列顺序须与模板一致"
                aria-label="粘贴的事项行"
                data-testid="import-paste"
              />
              <div className="zs-cell-sub" style={{ marginTop: 6 }} data-testid="import-paste-count">
                {text.trim()
                  ? `已识别 ${pasted.rows.length} 件事项${pasted.skipped ? `（已跳过表头、示例行 ${pasted.skipped} 行）` : ''}`
                  : '尚未粘贴内容'}
              </div>
              {pasted.tooWide.length ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 8 }}
                  title={`第 ${pasted.tooWide.join('、')} 件事项的列数多于模板，多出的列将被忽略，请确认列顺序与模板一致`}
                />
              ) : null}
            </Col>
          </Row>

          <div className="zs-filters" style={{ marginBottom: 0 }}>
            <Switch checked={dispatch} onChange={setDispatch} aria-label="立即交办" data-testid="import-dispatch" />
            <span>立即交办</span>
            <span className="zs-cell-sub">
              {dispatch ? '导入后立即交办：生成交办单，牵头单位收到待办' : '只立项：事项处于“已立项待交办”，可稍后逐件交办'}
            </span>
          </div>
          {problem ? <Alert type="warning" showIcon title={problem} /> : null}
          <div>
            <Button type="primary" icon={<UploadOutlined />} loading={importItems.isPending} onClick={submit} data-testid="import-submit">
              {dispatch ? '导入并交办' : '导入立项'}
            </Button>
          </div>

          {failed ? <ImportErrors errors={result.errors} pastedRows={result.pastedRows} /> : null}

          {succeeded ? (
            <Result
              status="success"
              title={`导入成功 ${result.created} 项`}
              subTitle={result.dispatched ? '事项已交办，牵头单位已收到待办。' : '事项已立项，待交办后牵头单位才会收到。'}
              style={{ padding: '16px 0' }}
              data-testid="import-success"
              extra={
                <Link to={result.dispatched ? '/assignments' : '/assignments?state=registered'} data-testid="import-success-link">
                  查看事项
                </Link>
              }
            />
          ) : null}
        </Space>
      </div>
    </div>
  );
}

/** Row-level problems; for pasted rows the row number is the item's place in the paste, so its name is shown too. */
function ImportErrors({ errors, pastedRows }: { errors: ImportError[]; pastedRows: ImportRow[] | null }) {
  return (
    <div data-testid="import-errors">
      <Alert type="error" showIcon title={`有 ${errors.length} 处问题，未导入任何事项`} description="请按下表修改后重新导入。" style={{ marginBottom: 12 }} />
      <Table<ImportError>
        rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
        size="small"
        dataSource={errors}
        pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 600 }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 70 },
          ...(pastedRows
            ? [{ title: '事项名称', key: 'title', width: 220, render: (_: unknown, error: ImportError) => pastedRows[error.row - 1]?.title || '—' }]
            : []),
          { title: '字段', dataIndex: 'field', width: 140, render: (field: string) => importFieldLabel(field) },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </div>
  );
}
