/** 情况征集: form design and values (checked and normalised), and the summary table with its totals. */
export * from './form.ts';
export * from './summary.ts';
