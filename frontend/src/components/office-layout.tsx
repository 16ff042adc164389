// The office layout: a sider with the resources' menu (only what the user may
// list), the title and logout, and our header. Our own on antd's Layout and Menu
// rather than @refinedev/antd's ThemedLayout, which would bring that whole package
// (about 95 KB gzip) into the workbench's first load; the screens that use it load it.

import { CanAccess, useLogout, useMenu, useTranslate, type TreeMenuItem } from '@refinedev/core';
import { Layout, Menu } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Header } from './header.tsx';

function items(tree: TreeMenuItem[]): ReactNode[] {
  return tree.map((item) => {
    const label = item.label ?? item.meta?.label ?? item.name;
    return (
      <CanAccess key={item.key} resource={item.name} action="list" params={{ resource: item }}>
        {item.children.length > 0 ? (
          <Menu.SubMenu key={item.key} title={label}>
            {items(item.children)}
          </Menu.SubMenu>
        ) : (
          <Menu.Item key={item.key}>
            <Link to={item.list ?? '/'}>{label}</Link>
          </Menu.Item>
        )}
      </CanAccess>
    );
  });
}

export default function OfficeLayout({ children }: { children: ReactNode }) {
  const t = useTranslate();
  const { menuItems, selectedKey, defaultOpenKeys } = useMenu();
  const { mutate: logout } = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            padding: '0 20px',
            fontWeight: 600,
            fontSize: 15,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed ? '' : t('app.short')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selectedKey ? [selectedKey] : []}
          defaultOpenKeys={defaultOpenKeys}
          style={{ borderInlineEnd: 'none' }}
        >
          {items(menuItems)}
          <Menu.Item key="logout" onClick={() => logout()}>
            {t('buttons.logout')}
          </Menu.Item>
        </Menu>
      </Layout.Sider>
      <Layout>
        <Header />
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
