import { buildSearchIndex } from '@/components/search/buildIndex';

// Written once at build time (a static file in the output): the full-text index the search box loads.
export const dynamic = 'force-static';

export function GET() {
  return new Response(JSON.stringify(buildSearchIndex()), { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
