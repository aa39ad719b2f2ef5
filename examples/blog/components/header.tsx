'use client';

import { useGetIdentity, useLogout } from '@refinedev/core';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Layout, Space, Tag, Typography, theme } from 'antd';
import type { Identity } from '../lib/auth-provider';

/** The app bar: who is signed in, with which role, and a way out. */
export function Header() {
  const { token } = theme.useToken();
  const { data: user } = useGetIdentity<Identity>();
  const { mutate: logout } = useLogout();
  return (
    <Layout.Header
      style={{
        backgroundColor: token.colorBgElevated,
        display: 'flex',
        justifyContent: 'flex-end',
        alignItems: 'center',
        padding: '0 24px',
        height: 64,
        position: 'sticky',
        top: 0,
        zIndex: 1,
      }}
    >
      {user && (
        <Space size="middle" data-testid="current-user">
          <Avatar icon={<UserOutlined />} />
          <Typography.Text strong>{user.name ?? user.email}</Typography.Text>
          <Tag color={user.role === 'Writer' ? 'green' : 'blue'} data-testid="current-role">
            {user.role}
          </Tag>
          <Button icon={<LogoutOutlined />} onClick={() => logout()}>
            Log out
          </Button>
        </Space>
      )}
    </Layout.Header>
  );
}
