// The supervision bulletin as the Word file an office edits and prints, in the
// official layout (official-docx.ts): the overall picture with a chart of each
// unit's shortfalls, a table per item of the eight, the assessment's deductions,
// and what is asked of the units.

import { levelName, type UnitLevel } from '../../kernel/unit-path.ts';
import { BULLETIN_ITEMS, type Bulletin } from './bulletin.ts';
import {
  addressees,
  type Block,
  body,
  chart,
  HEITI,
  heading,
  KAITI,
  officialDocx,
  ORDINALS,
  signature,
  table,
  title,
} from './official-docx.ts';

/** The shortfalls of a unit in one item, in words (empty: none). */
const shortfallsOf = (b: Bulletin['units'][number], item: string) =>
  Object.values(b.items[item] ?? {})
    .map((m) => m.short)
    .filter((s): s is string => s !== null);

/** The bulletin as a .docx file. */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const level = b.issuer.level === 'district' ? 'street' : 'community';
  const kindWord = levelName(level as UnitLevel);
  const whole = b.issuer.level === 'district' ? '全区' : `${b.issuer.name}`;
  const counts = b.units.map((u) => BULLETIN_ITEMS.reduce((n, item) => n + shortfallsOf(u, item.key).length, 0));
  const withProblems = counts.filter((n) => n > 0).length;
  const children: Block[] = [
    title(`关于${b.period.label}${whole}综治信息系统运行情况的督查通报`),
    addressees(`各${kindWord}综治办：`),
    body(
      `根据综治信息系统督查通报制度，${b.issuer.name}对${b.period.label}${b.units.length}个${kindWord}的综治信息系统运行情况进行了督查。` +
        `${withProblems}个${kindWord}存在问题，共${counts.reduce((a, n) => a + n, 0)}项；${b.units.length - withProblems}个${kindWord}各项均达到要求。现将有关情况通报如下。`,
    ),
    heading('一、总体情况', HEITI),
    body(
      `督查依据系统记录的数据，覆盖首页待办、数据录入和服务、事项办理、手机终端、安全保密、公文流转、模块运用、工作记录和研判八个方面。各${kindWord}存在问题的项数如下图。`,
    ),
  ];
  if (b.units.length)
    children.push(
      chart(
        `各${kindWord}存在问题项数`,
        b.units.map((u) => u.name),
        '问题项数',
        counts,
      ),
    );
  children.push(heading('二、督查发现的问题', HEITI));
  BULLETIN_ITEMS.forEach((item, i) => {
    children.push(heading(`（${ORDINALS[i]}）${item.title}`, KAITI));
    children.push(
      table(
        [kindWord, ...item.measures.map((m) => m.head)],
        b.units.map((u) => [u.name, ...item.measures.map((m) => u.items[item.key]?.[m.key]?.cell ?? '—')]),
      ),
    );
    const named = b.units.map((u) => [u.name, shortfallsOf(u, item.key)] as const).filter(([, s]) => s.length);
    children.push(
      named.length
        ? body(`存在问题：${named.map(([name, s]) => `${name}${s.join('，')}`).join('；')}。`)
        : body(`各${kindWord}均达到要求。`),
    );
  });
  const assessed = b.units.filter((u) => u.assessment);
  if (assessed.length) {
    children.push(heading('三、考评扣分情况', HEITI));
    children.push(
      chart(
        `各${kindWord}考评得分`,
        assessed.map((u) => u.name),
        '得分',
        assessed.map((u) => u.assessment!.total),
      ),
    );
    children.push(
      table(
        [kindWord, '得分', '扣分项目'],
        assessed.map((u) => [
          u.name,
          String(u.assessment!.total),
          u.assessment!.deductions.map((d) => `${d.code ?? ''} ${d.name}（扣${d.deducted}分）`).join('；') || '无',
        ]),
      ),
    );
  }
  children.push(heading(`${ORDINALS[assessed.length ? 3 : 2]}、工作要求`, HEITI));
  children.push(
    body(
      `各${kindWord}要对照通报的问题逐项整改，于下月10日前将整改情况报${b.issuer.name}综治办；每日登录系统办理待办事项，按时签收公文、反馈事项，确保信息录入及时、准确、完整，严格执行保密制度。`,
    ),
  );
  children.push(...signature(b.issuer.name, b.at));
  return officialDocx({ creator: b.issuer.name, title: `${b.period.label}综治信息系统运行情况督查通报` }, children);
}
