export * from './manifest';
export * from './starter';
