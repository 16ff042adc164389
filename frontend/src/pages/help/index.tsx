// 帮助: the manual of the user's work (docs/manual, rendered with marked), the other
// manuals beside it. The Markdown and its pictures are part of the build, so the
// manual reads on a network without internet; this screen is loaded only when opened.

import { useGetIdentity } from '@refinedev/core';
import { Card, Col, Menu, Row, Spin } from 'antd';
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { type MouseEvent, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Identity } from '../../providers/auth-provider.ts';
import { MANUALS, manualFile, manualFor, manualHref, manualPage, OVERVIEW, picturesByName } from './manuals.ts';
import './manual.css';

const texts = import.meta.glob<string>('../../../../docs/manual/*.md', { query: '?raw', import: 'default' });
const pictures = picturesByName(
  import.meta.glob<string>('../../../../docs/manual/images/*.jpg', { eager: true, query: '?url', import: 'default' }),
);
const markdown = new Marked({
  walkTokens(token) {
    if (token.type === 'link' || token.type === 'image') token.href = manualHref(token.href, pictures);
  },
});

export function HelpPage() {
  const { page: asked } = useParams();
  const navigate = useNavigate();
  const { data: me, isLoading } = useGetIdentity<Identity>();
  const page = manualPage(asked) ?? manualFor(me?.unit?.level, me?.job) ?? OVERVIEW;
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setHtml(null);
    const load = texts[`../../../../docs/manual/${manualFile(page)}`];
    void load?.().then((text) => {
      if (current) setHtml(DOMPurify.sanitize(markdown.parse(text, { async: false })));
    });
    return () => {
      current = false;
    };
  }, [page]);
  const entries = useMemo(() => [{ key: OVERVIEW, label: '总览' }, ...MANUALS.map((m) => ({ key: m.page, label: m.title }))], []);
  // Links between the manuals stay in the app instead of loading it again.
  const follow = (event: MouseEvent) => {
    const link = (event.target as HTMLElement).closest('a');
    const href = link?.getAttribute('href') ?? '';
    if (href.startsWith('/app/help')) {
      event.preventDefault();
      navigate(href.slice('/app'.length));
    }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={5}>
        <Menu
          mode="inline"
          selectedKeys={[page]}
          items={entries}
          onClick={({ key }) => navigate(`/help/${key}`)}
          data-testid="manual-list"
          style={{ borderInlineEnd: 'none' }}
        />
      </Col>
      <Col xs={24} md={19}>
        <Card onClick={follow}>
          {html === null || (isLoading && !asked) ? (
            <Spin style={{ display: 'block', margin: 48 }} />
          ) : (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: our own manual, cleaned by DOMPurify all the same
            <article className="manual" data-testid="manual" dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
