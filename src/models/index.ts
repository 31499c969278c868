/** Customer-base models (BG/NBD, Pareto/NBD, Gamma-Gamma, CLV): numbers in, numbers out. See docs/clv.md. */
export * from './special';
export * from './optimise';
export * from './summary';
export * from './fit';
export * from './refusals';
export * from './bgnbd';
export * from './pareto-nbd';
export * from './gamma-gamma';
export * from './clv';
export * from './checks';
