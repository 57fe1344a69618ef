import { RULES } from '../rules';

/**
 * Every rule but the reproducibility family's: for tests whose cells are
 * fragments of a notebook (`y = df[df.p > 0.4]` with `df` bound elsewhere),
 * where used-before-defined would rightly report the names they leave out.
 */
export const FRAGMENT_RULES = RULES.filter(
  r => r.meta.family !== 'reproducibility'
);
