// A small WYSIWYG editor of our own: a contenteditable area with bold, italic,
// lists and links, and nothing else a notice or a case summary needs. Chosen over
// an editor package because these four commands are all the district asks for and
// the browser's editing commands do them in a few lines; what it writes and what
// anyone shows is passed through DOMPurify with a short allow-list, because the
// stored HTML may come from any client of the API.

import { BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslate } from '@refinedev/core';
import { Button, Space, Tooltip } from 'antd';
import DOMPurify from 'dompurify';
import { useEffect, useRef } from 'react';

const ALLOWED = {
  ALLOWED_TAGS: ['p', 'br', 'div', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote'],
  ALLOWED_ATTR: ['href', 'target', 'rel'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|\/)/i,
};

// Links open in a new tab without handing it this window.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function cleanHtml(html: string): string {
  return DOMPurify.sanitize(html, ALLOWED) as string;
}

export function SafeHtml({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is cleaned by DOMPurify with a short allow-list first
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: cleanHtml(html) }} />;
}

export function RichTextEditor({
  value,
  onChange,
  disabled,
}: {
  value?: string | null;
  onChange?: (html: string) => void;
  disabled?: boolean;
}) {
  const t = useTranslate();
  const area = useRef<HTMLDivElement>(null);
  // The area is the source of truth while somebody types; a value from outside (the record) replaces it.
  useEffect(() => {
    const el = area.current;
    if (el && cleanHtml(value ?? '') !== cleanHtml(el.innerHTML)) el.innerHTML = cleanHtml(value ?? '');
  }, [value]);
  const changed = () => {
    const html = cleanHtml(area.current?.innerHTML ?? '');
    onChange?.(area.current?.textContent?.trim() ? html : '');
  };
  const run = (command: string, arg?: string) => {
    area.current?.focus();
    document.execCommand(command, false, arg);
    changed();
  };
  const link = () => {
    const url = window.prompt(t('richText.linkPrompt'), 'https://');
    if (url && ALLOWED.ALLOWED_URI_REGEXP.test(url)) run('createLink', url);
  };
  const tools: [string, React.ReactNode, () => void][] = [
    [t('richText.bold'), <BoldOutlined />, () => run('bold')],
    [t('richText.italic'), <ItalicOutlined />, () => run('italic')],
    [t('richText.bullets'), <UnorderedListOutlined />, () => run('insertUnorderedList')],
    [t('richText.numbers'), <OrderedListOutlined />, () => run('insertOrderedList')],
    [t('richText.link'), <LinkOutlined />, link],
  ];
  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6, background: disabled ? '#f5f5f5' : '#fff' }}>
      <Space size={2} style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }}>
        {tools.map(([label, icon, act]) => (
          <Tooltip key={label} title={label}>
            {/* mousedown keeps the selection in the area */}
            <Button
              type="text"
              size="small"
              icon={icon}
              aria-label={label}
              disabled={disabled}
              onMouseDown={(e) => e.preventDefault()}
              onClick={act}
            />
          </Tooltip>
        ))}
      </Space>
      <div
        ref={area}
        role="textbox"
        aria-multiline="true"
        contentEditable={!disabled}
        suppressContentEditableWarning
        className="rich-text"
        data-testid="rich-text-area"
        onInput={changed}
        onBlur={changed}
        style={{ minHeight: 120, padding: '8px 11px', outline: 'none' }}
      />
    </div>
  );
}
