import Link from 'next/link';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>There is no lesson or lab at this address. It may have been renamed.</p>
      <p>
        <Link prefetch={false} href="/">Browse all lessons and labs</Link>
      </p>
    </div>
  );
}
