export * from './errors.ts';
export * from "./org.ts";
