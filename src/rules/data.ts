/** Helpers shared by the undeclared-data rules. */
import {
  dataManifest,
  dataSignature,
  IDataSource
} from '../core/data/manifest';
import { IKeyedRule, IRuleContext } from '../core/rule';

export const EXTRA_READERS_OPTION = {
  type: 'string[]' as const,
  default: [] as string[],
  title: 'Extra reader calls',
  description:
    'Qualified names of more calls that read data from their first argument (`mylib.load_table`).'
};

/**
 * The data rules are keyed by the whole notebook: an edit checks them again
 * when it changes a cell with a reader call or shell line, or a cell binding
 * a name the manifest looked up (a path variable, a parameter).
 */
export const DATA_KEYED: IKeyedRule = {
  cellSignature: (cell, { model, optionsOf }) =>
    dataSignature(
      model,
      cell,
      (optionsOf('undeclared-read').extraReaders as string[]) ?? []
    )
};

/** The manifest under the configuration of the rule `undeclared-read`. */
export function manifestFor(ctx: IRuleContext): IDataSource[] {
  return dataManifest(ctx.model, {
    declaredInputs: ctx.declaredInputs,
    declaredOutputs: ctx.declaredOutputs,
    extraReaders:
      (ctx.optionsOf('undeclared-read').extraReaders as string[]) ?? []
  });
}

export function quoted(s: IDataSource): string {
  const text = s.source.length > 80 ? s.source.slice(0, 79) + '…' : s.source;
  return `\`${text}\``;
}
