/**
 * Runs before every route (Next 16's proxy, formerly middleware). One job: a path that is not valid
 * percent-encoding (`/labs/%`, `/api/uploads/%ff%fe`) is a bad request. Without this, Next's router
 * fails to decode the route parameter and answers 500. The body is fixed text: it never echoes the
 * request. The security headers come from next.config.mjs `headers()`, which applies to this answer too.
 */
import { NextResponse, type NextRequest } from 'next/server';

/** Whether every `%` in the path starts a complete escape and the bytes are valid UTF-8. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  if (isDecodablePath(request.nextUrl.pathname)) return NextResponse.next();
  return new NextResponse('400 Bad Request: the path is not valid percent-encoding.\n', {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
  });
}

export const config = {
  // static chunks never carry a route parameter; everything else (pages, API, icons) is checked
  matcher: '/((?!_next/static/).*)',
};
