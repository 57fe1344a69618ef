/** The data manifest as plain, serialisable entries (for reports and `mldebt inputs`). */
import { IMldebtConfig } from '../config';
import { dataManifest } from '../data/manifest';
import { NotebookModel } from '../model';
import { IRange } from '../types';

export interface IManifestEntry {
  kind: string;
  reader: string;
  source: string;
  resolved: boolean;
  declared: boolean;
  declaredBy: string | null;
  remote: boolean;
  pinned: boolean;
  producedHere: boolean;
  cell: { index: number; id: string | null };
  range: IRange;
}

/** Every data source of an analysed notebook, in document order. */
export function manifestEntries(
  model: NotebookModel,
  config: IMldebtConfig
): IManifestEntry[] {
  const extra =
    (config.rules?.['undeclared-read']?.options?.extraReaders as
      string[] | undefined) ?? [];
  return dataManifest(model, {
    declaredInputs: config.declaredInputs ?? [],
    declaredOutputs: config.declaredOutputs ?? [],
    extraReaders: extra
  })
    .slice()
    .sort((a, b) => a.cell.index - b.cell.index || a.from - b.from)
    .map(s => ({
      kind: s.kind,
      reader: s.reader,
      source: s.source,
      resolved: s.resolved,
      declared: s.declared,
      declaredBy: s.declaredBy ?? null,
      remote: s.remote,
      pinned: s.pinned,
      producedHere: !!s.producedHere,
      cell: { index: s.cell.index, id: s.cell.id },
      range: s.cell.facts!.lines.range(s.from, s.to)
    }));
}

/** A one-word status for a manifest entry, shared by the text and Markdown outputs. */
export function manifestStatus(s: IManifestEntry): string {
  if (s.producedHere) {
    return 'written by this notebook';
  }
  if (s.declared) {
    return `declared (${s.declaredBy})`;
  }
  return s.resolved ? 'UNDECLARED' : 'dynamic';
}
