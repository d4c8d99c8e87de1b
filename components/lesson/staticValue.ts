/**
 * Evaluates the literal part of JavaScript expressions found in MDX props (`rows={[{ label: 'x' }]}`)
 * without running any code, so the content check can validate component props at build time.
 */
type EstreeNode = { type: string; [key: string]: unknown };

export class NotStaticError extends Error {}

export function staticValue(node: EstreeNode): unknown {
  switch (node.type) {
    case 'Program': {
      const body = node.body as EstreeNode[];
      if (body.length !== 1 || body[0].type !== 'ExpressionStatement') throw new NotStaticError('expected a single expression');
      return staticValue(body[0].expression as EstreeNode);
    }
    case 'Literal': {
      const value = node.value;
      if (value instanceof RegExp || typeof value === 'bigint') throw new NotStaticError('unsupported literal');
      return value;
    }
    case 'TemplateLiteral': {
      if ((node.expressions as unknown[]).length > 0) throw new NotStaticError('template literal with ${…}');
      return (node.quasis as { value: { cooked: string } }[]).map((q) => q.value.cooked).join('');
    }
    case 'UnaryExpression': {
      const argument = staticValue(node.argument as EstreeNode);
      if (node.operator === '-' && typeof argument === 'number') return -argument;
      if (node.operator === '+' && typeof argument === 'number') return argument;
      throw new NotStaticError(`operator ${String(node.operator)}`);
    }
    case 'ArrayExpression':
      return (node.elements as (EstreeNode | null)[]).map((element) => {
        if (!element || element.type === 'SpreadElement') throw new NotStaticError('array holes or spreads');
        return staticValue(element);
      });
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const property of node.properties as EstreeNode[]) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) {
          throw new NotStaticError('spreads, computed keys or methods');
        }
        const key = property.key as EstreeNode;
        const name = key.type === 'Identifier' ? (key.name as string) : key.type === 'Literal' ? String(key.value) : null;
        if (name === null) throw new NotStaticError('unsupported key');
        out[name] = staticValue(property.value as EstreeNode);
      }
      return out;
    }
    default:
      throw new NotStaticError(node.type);
  }
}

/** Every JSX element name used anywhere inside an expression (e.g. `{cond && <Foo />}`). */
export function jsxNamesIn(node: unknown, found: string[] = []): string[] {
  if (!node || typeof node !== 'object') return found;
  if (Array.isArray(node)) {
    for (const child of node) jsxNamesIn(child, found);
    return found;
  }
  const n = node as EstreeNode;
  if (n.type === 'JSXOpeningElement') found.push(jsxName(n.name as EstreeNode));
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc' || key === 'range' || key === 'position' || key === 'parent') continue;
    if (value && typeof value === 'object') jsxNamesIn(value, found);
  }
  return found;
}

function jsxName(name: EstreeNode): string {
  if (name.type === 'JSXIdentifier') return name.name as string;
  if (name.type === 'JSXMemberExpression') return `${jsxName(name.object as EstreeNode)}.${(name.property as EstreeNode).name as string}`;
  if (name.type === 'JSXNamespacedName') return `${(name.namespace as EstreeNode).name as string}:${(name.name as EstreeNode).name as string}`;
  return '?';
}
