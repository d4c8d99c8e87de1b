export * from './scheduler';
export * from './clock';
export * from './rng';
export * from './recorder';
export * from './params';
export * from './lab';
export * from './runner';
