'use client';

import { Form, Input, Select } from 'antd';
import { STATUS_OPTIONS } from '../lib/post';

/** The fields of the create and edit forms; the rules match the schema's (`@length(1, 200)`). */
export function PostFields() {
  return (
    <>
      <Form.Item
        label="Title"
        name="title"
        rules={[
          { required: true, whitespace: true, message: 'Please enter a title' },
          { max: 200, message: 'The title can be at most 200 characters' },
        ]}
      >
        <Input placeholder="What is this post about?" />
      </Form.Item>
      <Form.Item label="Content" name="content">
        <Input.TextArea rows={8} />
      </Form.Item>
      <Form.Item label="Status" name="status" rules={[{ required: true }]}>
        <Select options={STATUS_OPTIONS} style={{ width: 200 }} />
      </Form.Item>
    </>
  );
}
