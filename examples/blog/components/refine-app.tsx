'use client';

import { Suspense, type ReactNode } from 'react';
import { Refine } from '@refinedev/core';
import { RefineThemes, useNotificationProvider } from '@refinedev/antd';
import routerProvider from '@refinedev/nextjs-router';
import { createWardenProviders } from '@warden/refine';
import { App as AntdApp, ConfigProvider } from 'antd';
import { SessionProvider } from 'next-auth/react';
import { schema } from '../generated/schema';
import { authProvider } from '../lib/auth-provider';

// The data provider speaks Warden's RPC API at /api/model; the access control provider asks
// the same API's `check` (create) and batched `permissions` (per-row edit/delete).
const { dataProvider, accessControlProvider } = createWardenProviders('/api/model', { schema });

export function RefineApp({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <ConfigProvider theme={RefineThemes.Blue}>
        <AntdApp>
          <Suspense>
            <Refine
              routerProvider={routerProvider}
              dataProvider={dataProvider}
              authProvider={authProvider}
              accessControlProvider={accessControlProvider}
              notificationProvider={useNotificationProvider}
              resources={[
                {
                  // The resource is named after the model; its routes are the seed's.
                  name: 'post',
                  list: '/blog-post',
                  create: '/blog-post/create',
                  edit: '/blog-post/edit/:id',
                  show: '/blog-post/show/:id',
                  meta: { label: 'Blog Posts', canDelete: true },
                },
              ]}
              options={{
                syncWithLocation: true,
                warnWhenUnsavedChanges: false,
                disableTelemetry: true,
              }}
            >
              {children}
            </Refine>
          </Suspense>
        </AntdApp>
      </ConfigProvider>
    </SessionProvider>
  );
}
