export * from './geometry.js';
export * from './issue.js';
export * from './document.js';
export * from './plan.js';
export * from './normalized.js';
