/** The rule registry: every rule, in one list. */
import { IRule } from '../core/rule';
import { syntaxError, unsupportedLanguage } from './analysis-notes';
import { constantCondition } from './constant-condition';
import { magicNumberComparison } from './magic-number-comparison';
import { unreachableCode } from './unreachable-code';

export const RULES: readonly IRule[] = [
  syntaxError,
  unsupportedLanguage,
  constantCondition,
  unreachableCode,
  magicNumberComparison
];

export function findRule(id: string): IRule | undefined {
  return RULES.find(r => r.meta.id === id);
}
