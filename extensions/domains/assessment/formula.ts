// A rubric item scored by a formula over metrics (公式评分), where no template fits:
// read by mathjs's expression parser — which builds a tree and evaluates it without
// `eval` — and allowed only numbers, the metrics' names, `full` (the item's points),
// arithmetic, comparisons, `? :` and a few functions. The formula gives the points,
// kept between zero and the full points. Pure.

import { all, create, type MathNode } from 'mathjs';

const math = create(all!);

/** The functions a formula may call. */
export const FORMULA_FUNCTIONS = ['min', 'max', 'round', 'abs', 'floor', 'ceil'] as const;
/** The name of the item's full points in a formula. */
export const FULL = 'full';
export const MAX_FORMULA_LENGTH = 500;

const OPERATORS = new Set([
  'add',
  'subtract',
  'multiply',
  'divide',
  'unaryMinus',
  'unaryPlus',
  'larger',
  'largerEq',
  'smaller',
  'smallerEq',
  'equal',
  'unequal',
  'and',
  'or',
  'not',
]);

export type Formula =
  | { ok: true; inputs: string[]; evaluate: (scope: Record<string, number>) => number }
  | { ok: false; problems: string[] };

/**
 * Reads a formula; `known` says which names are metrics. Refused, with the reasons in
 * Chinese: anything but the allowed kinds of node (assignment, property access, strings,
 * matrices, function definitions…), unknown names, functions not listed.
 */
export function parseFormula(text: unknown, known: (name: string) => boolean): Formula {
  if (typeof text !== 'string' || !text.trim()) return { ok: false, problems: ['请填写计分公式'] };
  if (text.length > MAX_FORMULA_LENGTH) return { ok: false, problems: [`计分公式不能超过${MAX_FORMULA_LENGTH}个字符`] };
  let tree: MathNode;
  try {
    tree = math.parse(text);
  } catch (error) {
    return { ok: false, problems: [`计分公式无法识别：${(error as Error).message}`] };
  }
  const problems = new Set<string>();
  const inputs = new Set<string>();
  tree.traverse((node, path, parent) => {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof (node as unknown as { value: unknown }).value !== 'number') problems.add('计分公式只能含数字，不能含文字');
        return;
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      case 'OperatorNode': {
        const { fn, op } = node as unknown as { fn: string; op: string };
        if (!OPERATORS.has(fn)) problems.add(`计分公式不能使用运算符“${op}”`);
        return;
      }
      case 'FunctionNode': {
        const name = (node as unknown as { fn: { name?: string } }).fn.name;
        if (!name || !(FORMULA_FUNCTIONS as readonly string[]).includes(name))
          problems.add(`计分公式只能使用函数：${FORMULA_FUNCTIONS.join('、')}`);
        return;
      }
      case 'SymbolNode': {
        // A function's own name is checked above.
        if (parent?.type === 'FunctionNode' && path === 'fn') return;
        const name = (node as unknown as { name: string }).name;
        if (name === FULL) return;
        if (known(name)) inputs.add(name);
        else problems.add(`计分公式中的“${name}”不是考评指标`);
        return;
      }
      default:
        problems.add('计分公式只能含数字、考评指标、四则运算、比较、条件和常用函数');
    }
  });
  if (problems.size) return { ok: false, problems: [...problems] };
  const compiled = tree.compile();
  return {
    ok: true,
    inputs: [...inputs].sort(),
    evaluate: (scope) => {
      const result = compiled.evaluate({ ...scope });
      const value = typeof result === 'boolean' ? Number(result) : result;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('计分公式的结果不是一个数');
      return value;
    },
  };
}
