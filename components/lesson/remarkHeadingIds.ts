import { headingId, headingText } from './headingId';

interface HeadingNode {
  type: string;
  depth?: number;
  children?: HeadingNode[];
  value?: unknown;
  data?: { hProperties?: Record<string, unknown> };
}

/** Remark plugin: gives every heading the same id the content check and the table of contents use. */
export function remarkHeadingIds() {
  return (tree: HeadingNode) => {
    const walk = (node: HeadingNode) => {
      if (node.type === 'heading') {
        const id = headingId(headingText(node).trim());
        if (id) node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}
