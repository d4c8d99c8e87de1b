// Next's ambient types (CSS modules, images) for `tsc --noEmit` before the first `next build`
// writes next-env.d.ts. Referencing the same file twice is harmless.
/// <reference types="next" />
