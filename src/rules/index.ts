/** The rule registry: every rule, in one list. */
import { IRule } from '../core/rule';
import { syntaxError, unsupportedLanguage } from './analysis-notes';
import { constantCondition } from './constant-condition';
import { magicNumberComparison } from './magic-number-comparison';
import { unreachableCode } from './unreachable-code';
import { unchangedFlag } from './unchanged-flag';
import { commentedOutCode } from './commented-out-code';
import { unusedDefinition } from './unused-definition';
import { overwrittenResult } from './overwritten-result';
import { neverExecutedCell } from './never-executed-cell';
import { literalHyperparameter } from './literal-hyperparameter';
import { repeatedLiteral } from './repeated-literal';
import { hyperparameterOutsideParameters } from './hyperparameter-outside-parameters';
import { undeclaredRead } from './undeclared-read';
import { shellDownload } from './shell-download';
import { machineSpecificPath } from './machine-specific-path';
import { unpinnedRemoteData } from './unpinned-remote-data';
import { undeclaredWrite } from './undeclared-write';
import { dynamicDataSource } from './dynamic-data-source';
import { outOfOrderExecution } from './out-of-order-execution';
import { usedBeforeDefined } from './used-before-defined';
import { unseededRandomness } from './unseeded-randomness';
import { undeclaredPackage } from './undeclared-package';
import { unpinnedInstall } from './unpinned-install';

export const RULES: readonly IRule[] = [
  syntaxError,
  unsupportedLanguage,
  constantCondition,
  unchangedFlag,
  unreachableCode,
  commentedOutCode,
  unusedDefinition,
  overwrittenResult,
  neverExecutedCell,
  magicNumberComparison,
  literalHyperparameter,
  repeatedLiteral,
  hyperparameterOutsideParameters,
  undeclaredRead,
  shellDownload,
  machineSpecificPath,
  unpinnedRemoteData,
  undeclaredWrite,
  dynamicDataSource,
  outOfOrderExecution,
  usedBeforeDefined,
  unseededRandomness,
  undeclaredPackage,
  unpinnedInstall
];

export function findRule(id: string): IRule | undefined {
  return RULES.find(r => r.meta.id === id);
}
