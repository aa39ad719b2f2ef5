'use client';

import { useGetIdentity, type CrudFilters } from '@refinedev/core';
import {
  DateField,
  DeleteButton,
  EditButton,
  List,
  ShowButton,
  getDefaultSortOrder,
  useTable,
} from '@refinedev/antd';
import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Identity } from '../../lib/auth-provider';
import { STATUS_OPTIONS, type Post } from '../../lib/post';
import { PostStatus } from '../../components/post-status';

interface SearchValues {
  title?: string;
  status?: string;
}

export default function PostList() {
  const { data: me } = useGetIdentity<Identity>();
  const { tableProps, searchFormProps, sorters } = useTable<
    Post,
    { message: string; statusCode: number },
    SearchValues
  >({
    syncWithLocation: true,
    pagination: { pageSize: 10 },
    sorters: { initial: [{ field: 'createdAt', order: 'desc' }] },
    onSearch: ({ title, status }): CrudFilters => [
      { field: 'title', operator: 'contains', value: title?.trim() || undefined },
      { field: 'status', operator: 'eq', value: status || undefined },
    ],
  });

  return (
    <List title="Blog Posts">
      <Form {...searchFormProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="title">
          <Input placeholder="Search titles" prefix={<SearchOutlined />} allowClear />
        </Form.Item>
        <Form.Item name="status">
          <Select
            placeholder="Any status"
            options={STATUS_OPTIONS}
            allowClear
            style={{ width: 160 }}
          />
        </Form.Item>
        <Button htmlType="submit" type="primary">
          Filter
        </Button>
      </Form>
      <Table {...tableProps} rowKey="id">
        <Table.Column<Post>
          dataIndex="title"
          title="Title"
          sorter
          defaultSortOrder={getDefaultSortOrder('title', sorters)}
          render={(title: string, post) => (
            <Space>
              <Typography.Text strong>{title}</Typography.Text>
              {post.authorId === me?.id && <Tag>mine</Tag>}
            </Space>
          )}
        />
        <Table.Column<Post>
          dataIndex="status"
          title="Status"
          sorter
          defaultSortOrder={getDefaultSortOrder('status', sorters)}
          render={(status: string) => <PostStatus status={status} />}
        />
        <Table.Column<Post>
          dataIndex="createdAt"
          title="Created"
          sorter
          defaultSortOrder={getDefaultSortOrder('createdAt', sorters)}
          render={(value: string) => <DateField value={value} format="YYYY-MM-DD HH:mm" />}
        />
        <Table.Column<Post>
          title="Actions"
          dataIndex="actions"
          render={(_, post) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={post.id} />
              <EditButton hideText size="small" recordItemId={post.id} />
              <DeleteButton hideText size="small" recordItemId={post.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
