import type { ComponentPropsWithoutRef } from 'react';

type HeadingProps = ComponentPropsWithoutRef<'h2'>;

function linkedHeading(Tag: 'h2' | 'h3' | 'h4') {
  function LinkedHeading({ id, children, ...rest }: HeadingProps) {
    if (!id) return <Tag {...rest}>{children}</Tag>;
    return (
      <Tag id={id} {...rest}>
        <a href={`#${id}`} className="heading-link">
          {children}
        </a>
      </Tag>
    );
  }
  LinkedHeading.displayName = `LinkedHeading(${Tag})`;
  return LinkedHeading;
}

/** Wide tables scroll sideways on phones; focusable so keyboard users can scroll them too. */
function ScrollTable(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="table-scroll" role="group" aria-label="Table" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

/** Code blocks scroll sideways on phones: focusable so the keyboard can scroll them. */
function ScrollPre(props: ComponentPropsWithoutRef<'pre'>) {
  return <pre tabIndex={0} {...props} />;
}

/** How plain markdown elements render inside lessons (all server-rendered). */
export const mdxElements = {
  h2: linkedHeading('h2'),
  h3: linkedHeading('h3'),
  h4: linkedHeading('h4'),
  table: ScrollTable,
  pre: ScrollPre,
};
