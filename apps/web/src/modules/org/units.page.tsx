import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Skeleton, Space, Tag, Tree, TreeSelect } from 'antd';
import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { Unit, UnitKind } from '../../api/types';
import { PageHeader } from '../../shared/page-header';
import { QueryError } from '../../shared/query-error';
import { UNIT_KIND_LABELS } from '../../shared/labels';
import { buildUnitTree, descendantIds, type UnitTreeNode } from '../../shared/unit-tree';
import { showFieldError } from '../../shared/form-errors';
import { useErrorToast } from '../../shared/use-error-toast';
import { useIsMobile } from '../../shared/use-is-mobile';
import { useDeleteUnit, useSaveUnit, useUnits, type UnitInput } from './org.api';

type UnitForm = { parentId?: string; name: string; shortName?: string; issuerCode?: string; kind: UnitKind; sortOrder?: number };
type Editing = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: Unit };

const KIND_OPTIONS = (Object.keys(UNIT_KIND_LABELS) as UnitKind[]).map((value) => ({ value, label: UNIT_KIND_LABELS[value] }));

function filterTree(nodes: UnitTreeNode<Unit>[], keyword: string): UnitTreeNode<Unit>[] {
  if (!keyword) return nodes;
  return nodes
    .map((node) => {
      const children = filterTree(node.children, keyword);
      const hit = node.unit.name.includes(keyword) || (node.unit.shortName ?? '').includes(keyword);
      return hit || children.length ? { ...node, children: hit ? node.children : children } : null;
    })
    .filter((node): node is UnitTreeNode<Unit> => node !== null);
}

function UnitFormModal({ editing, units, onClose }: { editing: Editing | null; units: Unit[]; onClose: (saved?: Unit) => void }) {
  const [form] = Form.useForm<UnitForm>();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const save = useSaveUnit();
  const excluded = useMemo(() => (editing?.mode === 'edit' ? descendantIds(units, editing.unit.id) : new Set<string>()), [editing, units]);
  // A unit cannot move under itself or its own descendants.
  const parentTree = useMemo(() => buildUnitTree(units.filter((unit) => !excluded.has(unit.id))), [units, excluded]);
  if (!editing) return null;

  const initialValues: Partial<UnitForm> =
    editing.mode === 'edit'
      ? {
          parentId: editing.unit.parentId ?? undefined,
          name: editing.unit.name,
          shortName: editing.unit.shortName ?? undefined,
          issuerCode: editing.unit.issuerCode ?? undefined,
          kind: editing.unit.kind,
          sortOrder: editing.unit.sortOrder,
        }
      : { parentId: editing.parentId ?? undefined, kind: 'department', sortOrder: 0 };

  const onFinish = (values: UnitForm) => {
    const input: UnitInput = {
      parentId: values.parentId ?? null,
      name: values.name.trim(),
      shortName: values.shortName?.trim() || null,
      issuerCode: values.issuerCode?.trim() || null,
      kind: values.kind,
      sortOrder: values.sortOrder ?? 0,
    };
    save.mutate(
      { id: editing.mode === 'edit' ? editing.unit.id : undefined, input },
      {
        onSuccess: (saved) => {
          message.success(editing.mode === 'edit' ? '单位信息已保存' : '单位已新增');
          onClose(saved);
        },
        onError: (error) => {
          if (!showFieldError(form, error)) toastError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={editing.mode === 'edit' ? '编辑单位' : '新增单位'}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<UnitForm> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} preserve={false}>
        <Form.Item label="上级单位" name="parentId" extra="不选择则作为顶级单位">
          <TreeSelect treeData={parentTree} allowClear treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} placeholder="请选择上级单位" />
        </Form.Item>
        <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input maxLength={60} placeholder="如：中共××县委组织部" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="简称" name="shortName">
              <Input maxLength={20} placeholder="如：县委组织部" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="机关代字"
              name="issuerCode"
              extra="用于发文字号，如“示委办〔2026〕3号”中的“示委办”；不发文的单位可不填"
              rules={[{ pattern: /^[\u4e00-\u9fa5A-Za-z]+$/, message: '机关代字只能包含汉字或字母' }]}
            >
              <Input maxLength={20} placeholder="如：示委办" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label="单位类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
              <Select options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="排序号" name="sortOrder" extra="数字小的排在前面">
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

export function UnitsPage() {
  const navigate = useNavigate();
  const units = useUnits();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const remove = useDeleteUnit();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const isMobile = useIsMobile();
  const detailRef = useRef<HTMLDivElement>(null);

  const list = useMemo(() => units.data ?? [], [units.data]);
  const tree = useMemo(() => buildUnitTree(list), [list]);
  const shownTree = useMemo(() => filterTree(tree, keyword.trim()), [tree, keyword]);
  const selected = list.find((unit) => unit.id === selectedId) ?? null;
  const parent = selected?.parentId ? list.find((unit) => unit.id === selected.parentId) : null;
  const childCount = selected ? list.filter((unit) => unit.parentId === selected.id).length : 0;

  const treeData = useMemo(() => {
    type TreeNode = { key: string; title: ReactNode; children: TreeNode[] };
    const toTreeNodes = (nodes: UnitTreeNode<Unit>[]): TreeNode[] =>
      nodes.map((node) => ({
        key: node.key,
        title: (
          <span>
            {node.unit.name} <span className="zs-cell-sub">{UNIT_KIND_LABELS[node.unit.kind]}</span>
            {node.unit.issuerCode ? <span className="zs-cell-sub"> · {node.unit.issuerCode}</span> : null}
          </span>
        ),
        children: toTreeNodes(node.children),
      }));
    return toTreeNodes(shownTree);
  }, [shownTree]);

  return (
    <div>
      <PageHeader
        title="组织机构"
        subtitle="维护本级党委及所属部门、乡镇的单位树"
        extra={
          <>
            <Button icon={<ImportOutlined />} onClick={() => navigate('/org/import')}>
              批量导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: selected?.id ?? null })}>
              新增单位
            </Button>
          </>
        }
      />
      {units.isError ? (
        <div className="zs-panel">
          <QueryError error={units.error} onRetry={() => void units.refetch()} />
        </div>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={10} lg={9}>
            <div className="zs-panel">
              <Input.Search aria-label="查找单位" placeholder="查找单位" allowClear onChange={(event) => setKeyword(event.target.value)} style={{ marginBottom: 12 }} />
              {units.isPending ? (
                <Skeleton active />
              ) : treeData.length ? (
                <Tree
                  blockNode
                  defaultExpandAll
                  key={keyword ? `search-${keyword}` : 'all'}
                  treeData={treeData}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => {
                    setSelectedId((keys[0] as string | undefined) ?? null);
                    // On a phone the details sit below the tree; bring them into view.
                    if (isMobile && keys[0]) setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
                  }}
                />
              ) : (
                <Empty description={keyword ? '没有匹配的单位' : '尚未建立单位，请先新增或批量导入'} />
              )}
            </div>
          </Col>
          <Col xs={24} md={14} lg={15}>
            <div className="zs-panel" ref={detailRef} style={{ scrollMarginTop: 72 }}>
              {selected ? (
                <>
                  <div className="zs-page-header" style={{ marginBottom: 12 }}>
                    <div style={{ fontSize: 16, fontWeight: 600 }}>
                      {selected.name} <Tag>{UNIT_KIND_LABELS[selected.kind]}</Tag>
                    </div>
                    <Space wrap>
                      <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', parentId: selected.id })}>
                        新增下级单位
                      </Button>
                      <Button icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', unit: selected })}>
                        编辑
                      </Button>
                      <Popconfirm
                        title="删除单位"
                        description={`确定删除「${selected.name}」？有下级单位或人员的单位不能删除。`}
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={() =>
                          remove.mutateAsync(selected.id).then(
                            () => {
                              message.success('单位已删除');
                              setSelectedId(null);
                            },
                            toastError,
                          )
                        }
                      >
                        <Button danger icon={<DeleteOutlined />}>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  </div>
                  <Descriptions
                    column={1}
                    size="small"
                    bordered
                    items={[
                      { key: 'name', label: '单位名称', children: selected.name },
                      { key: 'short', label: '简称', children: selected.shortName || '—' },
                      { key: 'issuerCode', label: '机关代字', children: selected.issuerCode || <span className="zs-text-muted">未设置（不能以本单位名义发文）</span> },
                      { key: 'kind', label: '单位类型', children: UNIT_KIND_LABELS[selected.kind] },
                      { key: 'parent', label: '上级单位', children: parent?.name ?? '（顶级单位）' },
                      { key: 'children', label: '下级单位', children: `${childCount} 个` },
                      { key: 'order', label: '排序号', children: selected.sortOrder },
                    ]}
                  />
                  <Button type="link" style={{ paddingLeft: 0, marginTop: 8 }} onClick={() => navigate(`/org/users?unitId=${encodeURIComponent(selected.id)}`)}>
                    查看本单位人员
                  </Button>
                </>
              ) : (
                <Empty description="点选单位树中的单位查看详情" />
              )}
            </div>
          </Col>
        </Row>
      )}
      <UnitFormModal
        editing={editing}
        units={list}
        onClose={(saved) => {
          setEditing(null);
          if (saved?.id) setSelectedId(saved.id);
        }}
      />
    </div>
  );
}
