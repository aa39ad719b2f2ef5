'use client';

import type { ReactNode } from 'react';
import { ThemedLayout, ThemedTitle } from '@refinedev/antd';
import { EditOutlined } from '@ant-design/icons';
import { Header } from './header';

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <ThemedLayout
      Header={Header}
      Title={(props) => <ThemedTitle {...props} text="Warden Blog" icon={<EditOutlined />} />}
    >
      {children}
    </ThemedLayout>
  );
}
