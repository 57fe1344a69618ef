/** Output formats of `mldebt check`: text, json, sarif (2.1.0), github. */
import * as path from 'path';
import { IRule } from '../core/rule';
import { IFinding, Severity } from '../core/types';
import { NotebookFileMap } from './source-map';

export interface INotebookResult {
  path: string;
  language: string | null;
  findings: IFinding[];
  error?: string;
  /** The raw file text, for mapping cell lines to file lines. */
  fileText?: string;
}

export interface ISummary {
  notebooks: number;
  failed: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byFamily: Record<string, number>;
}

export function summarise(results: INotebookResult[]): ISummary {
  const summary: ISummary = {
    notebooks: results.length,
    failed: 0,
    findings: 0,
    bySeverity: { error: 0, warning: 0, info: 0 },
    byFamily: {}
  };
  for (const r of results) {
    if (r.error) {
      summary.failed++;
    }
    for (const f of r.findings) {
      summary.findings++;
      summary.bySeverity[f.severity]++;
      summary.byFamily[f.family] = (summary.byFamily[f.family] ?? 0) + 1;
    }
  }
  return summary;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line per finding (`path:cell N:line:col: rule message`), cells counted from 1. */
export function formatText(results: INotebookResult[], quiet: boolean): string {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      out.push(
        `${r.path}:cell ${f.cell.index + 1}:${f.range.start.line}:${f.range.start.column}: ${f.rule} ${f.message}`
      );
    }
  }
  if (!quiet) {
    const s = summarise(results);
    const parts = [
      `${plural(s.findings, 'finding')} (${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info) in ${plural(s.notebooks - s.failed, 'notebook')}`
    ];
    if (s.failed > 0) {
      parts.push(`${plural(s.failed, 'file')} could not be analysed`);
    }
    out.push(parts.join('; '));
  }
  return out.join('\n') + (out.length ? '\n' : '');
}

export function formatJson(results: INotebookResult[]): string {
  const doc = {
    version: 1,
    notebooks: results.map(r =>
      r.error
        ? { path: r.path, language: r.language, error: r.error, findings: [] }
        : { path: r.path, language: r.language, findings: r.findings }
    ),
    summary: summarise(results)
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'note'
};

export function sarifRule(rule: IRule): Record<string, unknown> {
  const m = rule.meta;
  const bad = m.examples.bad.map(e => e.code).join('\n\n');
  const good = m.examples.good.map(e => e.code).join('\n\n');
  return {
    id: m.id,
    name: m.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) =>
      c ? c.toUpperCase() : ''
    ),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: {
      text: `${m.description}\n\nWhy it is debt: ${m.rationale} (Sculley et al. 2015, ${m.paper})`,
      markdown: `${m.description}\n\n**Why it is debt:** ${m.rationale} (Sculley et al. 2015, ${m.paper})\n\nBad:\n\n\`\`\`\n${bad}\n\`\`\`\n\nGood:\n\n\`\`\`\n${good}\n\`\`\``
    },
    defaultConfiguration: {
      level: SARIF_LEVEL[m.severity],
      enabled: m.defaultEnabled !== false
    },
    properties: { family: m.family, tags: [m.family, 'ml-technical-debt'] }
  };
}

export function formatSarif(
  results: INotebookResult[],
  rules: readonly IRule[],
  version: string
): string {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarifResults: unknown[] = [];
  const artifacts: unknown[] = [];
  results.forEach(r => {
    const uri = r.path.split(path.sep).join('/');
    artifacts.push({ location: { uri } });
    const map = r.fileText ? new NotebookFileMap(r.fileText) : null;
    for (const f of r.findings) {
      const line = map ? map.fileLine(f.cell.index, f.range.start.line) : 1;
      const endLine = map ? map.fileLine(f.cell.index, f.range.end.line) : line;
      sarifResults.push({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? -1,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri },
              region: { startLine: line, endLine: Math.max(line, endLine) }
            },
            logicalLocations: [
              { name: `cell ${f.cell.index + 1}`, kind: 'module' }
            ]
          }
        ],
        properties: { cell: f.cell, range: f.range, family: f.family }
      });
    }
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mldebt',
            version,
            informationUri: 'https://github.com/mldebt/jupyterlab-mldebt',
            rules: rules.map(sarifRule)
          }
        },
        artifacts,
        results: sarifResults
      }
    ]
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands (`::warning file=…,line=…::message`). */
export function formatGithub(results: INotebookResult[]): string {
  const out: string[] = [];
  const command: Record<Severity, string> = {
    error: 'error',
    warning: 'warning',
    info: 'notice'
  };
  for (const r of results) {
    const map = r.fileText ? new NotebookFileMap(r.fileText) : null;
    for (const f of r.findings) {
      const line = map ? map.fileLine(f.cell.index, f.range.start.line) : 1;
      out.push(
        `::${command[f.severity]} file=${escapeProperty(r.path)},line=${line},title=${escapeProperty(`mldebt ${f.rule} (cell ${f.cell.index + 1}, line ${f.range.start.line})`)}::${escapeData(f.message)}`
      );
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
