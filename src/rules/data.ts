/** Helpers shared by the undeclared-data rules. */
import { dataManifest, IDataSource } from '../core/data/manifest';
import { IRuleContext } from '../core/rule';

export const EXTRA_READERS_OPTION = {
  type: 'string[]' as const,
  default: [] as string[],
  title: 'Extra reader calls',
  description:
    'Qualified names of more calls that read data from their first argument (`mylib.load_table`).'
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
