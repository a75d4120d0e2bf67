import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { ImportResult } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { useErrorToast } from '../../shared/use-error-toast';
import { useImportRoster } from './org.api';

/** Tab-separated so it pastes straight into a spreadsheet. */
function passwordsAsText(passwords: ImportResult['passwords']): string {
  return ['用户名\t初始密码', ...passwords.map((row) => `${row.username}\t${row.initialPassword}`)].join('\n');
}

export function ImportPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const importRoster = useImportRoster();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      await api.download('/org/import/template', undefined, '组织机构与用户导入模板.xlsx');
    } catch (error) {
      toastError(error);
    } finally {
      setDownloading(false);
    }
  };

  const upload = (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      message.error('请上传 .xlsx 格式的花名册（可先下载模板填写）');
      return;
    }
    setFileName(file.name);
    setResult(null);
    importRoster.mutate(file, { onSuccess: setResult, onError: toastError });
  };

  const failed = result !== null && result.errors.length > 0;
  const succeeded = result !== null && result.errors.length === 0;
  const step = succeeded ? 2 : 1;

  return (
    <div>
      <PageHeader
        title="批量导入单位和用户"
        subtitle="按模板填写花名册后上传；有任何一行出错时不会导入任何数据"
        back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />}
      />
      <div className="zs-panel">
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: '下载模板' }, { title: '上传花名册' }, { title: '保存初始密码' }]}
          responsive
        />
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <div>
            <Typography.Text strong>第一步：</Typography.Text>下载导入模板，按说明填写“单位”和“用户”两张工作表。{' '}
            <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} loading={downloading}>
              下载模板
            </Button>
          </div>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={importRoster.isPending}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{importRoster.isPending ? `正在导入 ${fileName ?? ''}…` : '点击或拖拽 .xlsx 花名册到此处上传'}</p>
            <p className="ant-upload-hint">第二步：系统逐行校验，全部无误才会导入</p>
          </Upload.Dragger>

          {failed ? (
            <>
              <Alert
                type="error"
                showIcon
                title={`「${fileName}」有 ${result.errors.length} 处问题，未导入任何数据`}
                description="请按下表修改花名册后重新上传。"
              />
              <Table
                rowKey={(row) => `${row.sheet}-${row.row}-${row.field}-${row.message}`}
                size="small"
                dataSource={result.errors}
                pagination={result.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                scroll={{ x: 600 }}
                columns={[
                  { title: '工作表', dataIndex: 'sheet', width: 100 },
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '字段', dataIndex: 'field', width: 120 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}

          {succeeded ? (
            <>
              <Result
                status="success"
                title="导入完成"
                subTitle={`新增单位 ${result.createdUnits} 个，新增用户 ${result.createdUsers} 人`}
                style={{ padding: '16px 0' }}
              />
              {result.passwords.length ? (
                <>
                  <Alert
                    type="warning"
                    showIcon
                    title="以下初始密码只显示这一次"
                    description="请立即复制保存并通过安全渠道逐一告知本人；离开本页后将无法再次查看，只能重置密码。"
                    action={
                      <Typography.Text copyable={{ text: passwordsAsText(result.passwords), tooltips: ['复制全部', '已复制'] }}>
                        复制全部
                      </Typography.Text>
                    }
                  />
                  <Table
                    rowKey="username"
                    size="small"
                    dataSource={result.passwords}
                    pagination={result.passwords.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                    columns={[
                      { title: '用户名', dataIndex: 'username', render: (value: string) => <span className="zs-mono">{value}</span> },
                      {
                        title: '初始密码',
                        dataIndex: 'initialPassword',
                        render: (value: string) => (
                          <Typography.Text className="zs-mono" copyable={{ text: value, tooltips: ['复制', '已复制'] }}>
                            {value}
                          </Typography.Text>
                        ),
                      },
                    ]}
                  />
                </>
              ) : null}
              <Space>
                <Button type="primary" onClick={() => navigate('/org/users')}>
                  查看用户
                </Button>
                <Button onClick={() => navigate('/org/units')}>查看组织机构</Button>
              </Space>
            </>
          ) : null}
        </Space>
      </div>
    </div>
  );
}
