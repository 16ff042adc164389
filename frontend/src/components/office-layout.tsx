// The office layout: a sider with the resources' menu (only what the user may
// list), the title and logout, and our header. Our own on antd's Layout and Menu
// rather than @refinedev/antd's ThemedLayout, which would bring that whole package
// (about 95 KB gzip) into the workbench's first load; the screens that use it load it.

import { CanAccess, useLogout, useMenu, useTranslate, type TreeMenuItem } from '@refinedev/core';
import { Input, Layout, Menu } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { matchingEntries, type MenuEntry, mostUsed, type Usage } from '../menu.ts';
import { Header } from './header.tsx';

const USAGE = 'menu-usage';

function readUsage(): Usage {
  try {
    const kept = JSON.parse(localStorage.getItem(USAGE) ?? '{}');
    return kept && typeof kept === 'object' && !Array.isArray(kept) ? (kept as Usage) : {};
  } catch {
    return {};
  }
}

/** Counts an entry opened, on this device (the 常用 group at the top of the menu). */
function countOpened(key: string) {
  const usage = readUsage();
  usage[key] = (Object.hasOwn(usage, key) && Number.isFinite(usage[key]) ? usage[key]! : 0) + 1;
  localStorage.setItem(USAGE, JSON.stringify(usage));
}

type Entry = MenuEntry & { item: TreeMenuItem; children: Entry[] };
const entriesOf = (tree: TreeMenuItem[]): Entry[] =>
  tree.map((item) => ({
    key: item.key,
    label: String(item.label ?? item.meta?.label ?? item.name),
    item,
    children: entriesOf(item.children),
  }));

/** A flat list of entries (the search's findings, the most used), each shown where the user may list it. */
const leaves = (entries: Entry[], prefix: string): ReactNode[] =>
  entries.map(({ item, label }) => (
    <CanAccess key={`${prefix}${item.key}`} resource={item.name} action="list" params={{ resource: item }}>
      <Menu.Item key={`${prefix}${item.key}`}>
        <Link to={item.list ?? '/'}>{label}</Link>
      </Menu.Item>
    </CanAccess>
  ));

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
  const [query, setQuery] = useState('');
  const entries = useMemo(() => entriesOf(menuItems), [menuItems]);
  useEffect(() => {
    if (selectedKey) countOpened(selectedKey);
  }, [selectedKey]);
  const found = matchingEntries(entries, query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again as the user moves between entries
  const used = useMemo(() => mostUsed(entries, readUsage()), [entries, selectedKey]);
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
        {!collapsed && (
          <div style={{ padding: '0 12px 8px' }}>
            <Input.Search
              allowClear
              size="small"
              placeholder={t('menu.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="menu-search"
            />
          </div>
        )}
        <Menu
          mode="inline"
          selectedKeys={selectedKey ? [selectedKey, `used:${selectedKey}`, `found:${selectedKey}`] : []}
          defaultOpenKeys={defaultOpenKeys}
          style={{ borderInlineEnd: 'none' }}
        >
          {query.trim() ? (
            found.length ? (
              leaves(found, 'found:')
            ) : (
              <Menu.Item key="none" disabled>
                {t('menu.noMatch')}
              </Menu.Item>
            )
          ) : (
            <>
              {used.length > 0 && (
                <Menu.ItemGroup key="used" title={t('menu.used')}>
                  {leaves(used, 'used:')}
                </Menu.ItemGroup>
              )}
              {items(menuItems)}
            </>
          )}
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
