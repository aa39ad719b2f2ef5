'use client';

import type { ReactNode } from 'react';
import { EditOutlined } from '@ant-design/icons';
import { Card, Flex, Space, Typography } from 'antd';

/** The centred card the login and sign-up forms sit in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Space direction="vertical" align="center" size="large">
        <Typography.Title level={3} style={{ margin: 0 }}>
          <EditOutlined /> Warden Blog
        </Typography.Title>
        <Card style={{ width: 400 }} title={title}>
          {children}
        </Card>
      </Space>
    </Flex>
  );
}
