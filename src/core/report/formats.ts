/**
 * Report formats shared by `mldebt check` and the JupyterLab "Export debt
 * report" command: text, json, sarif (2.1.0), github, markdown. No Node or
 * DOM imports, so both produce the same content.
 */
import { IRule } from '../rule';
import { IFinding, Severity } from '../types';
import { IManifestEntry, manifestStatus } from './manifest-entries';
import { NotebookFileMap } from './source-map';

export interface INotebookResult {
  path: string;
  language: string | null;
  findings: IFinding[];
  error?: string;
  /** The data manifest (reads and writes), when it was computed. */
  sources?: IManifestEntry[];
  /** The raw file text, for mapping cell lines to file lines. */
  fileText?: string;
}

/** Paths in reports use forward slashes on every platform. */
function uriOf(p: string): string {
  return p.replace(/\\/g, '/');
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
      `${plural(s.findings, 'finding')} (${plural(s.bySeverity.error, 'error')}, ${plural(s.bySeverity.warning, 'warning')}, ${s.bySeverity.info} info) in ${plural(s.notebooks - s.failed, 'notebook')}`
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
        : {
            path: r.path,
            language: r.language,
            findings: r.findings,
            ...(r.sources ? { dataSources: r.sources } : {})
          }
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
    const uri = uriOf(r.path);
    artifacts.push(
      r.sources
        ? { location: { uri }, properties: { dataSources: r.sources } }
        : { location: { uri } }
    );
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
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((r, id) => {
                const start = map
                  ? map.fileLine(r.cell.index, r.range.start.line)
                  : 1;
                return {
                  id,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri },
                    region: { startLine: start }
                  },
                  logicalLocations: [
                    { name: `cell ${r.cell.index + 1}`, kind: 'module' }
                  ]
                };
              })
            }
          : {}),
        properties: {
          cell: f.cell,
          range: f.range,
          family: f.family,
          ...(f.merged ? { merged: f.merged } : {})
        }
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

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown report: summary, findings per notebook, and the data manifest. */
export function formatMarkdown(
  results: INotebookResult[],
  version: string
): string {
  const s = summarise(results);
  const out: string[] = [
    '# ML technical debt report',
    '',
    `Generated by mldebt ${version}. ${plural(s.findings, 'finding')} (${plural(s.bySeverity.error, 'error')}, ${plural(s.bySeverity.warning, 'warning')}, ${s.bySeverity.info} info) in ${plural(s.notebooks - s.failed, 'notebook')}.`,
    ''
  ];
  const families = Object.entries(s.byFamily).sort(([a], [b]) =>
    a.localeCompare(b)
  );
  if (families.length) {
    out.push('| Family | Findings |', '| --- | ---: |');
    for (const [family, n] of families) {
      out.push(`| ${family} | ${n} |`);
    }
    out.push('');
  }
  for (const r of results) {
    out.push(`## ${mdCell(r.path)}`, '');
    if (r.error) {
      out.push(`Could not be analysed: ${mdCell(r.error)}`, '');
      continue;
    }
    if (r.findings.length === 0) {
      out.push('No debt found.', '');
    } else {
      out.push(
        '| Severity | Rule | Cell | Line | Message |',
        '| --- | --- | ---: | ---: | --- |'
      );
      for (const f of r.findings) {
        out.push(
          `| ${f.severity} | ${f.rule} | ${f.cell.index + 1} | ${f.range.start.line} | ${mdCell(f.message)} |`
        );
      }
      out.push('');
    }
    if (r.sources) {
      out.push('### Data dependencies', '');
      if (r.sources.length === 0) {
        out.push('This notebook reads and writes no data files.', '');
      } else {
        out.push(
          '| Kind | Source | Reader | Cell | Line | Status |',
          '| --- | --- | --- | ---: | ---: | --- |'
        );
        for (const d of r.sources) {
          const remote = d.remote
            ? d.pinned
              ? ', remote, pinned'
              : ', remote, unpinned'
            : '';
          out.push(
            `| ${d.kind} | \`${mdCell(d.source)}\` | ${mdCell(d.reader)} | ${d.cell.index + 1} | ${d.range.start.line} | ${manifestStatus(d)}${remote} |`
          );
        }
        out.push('');
      }
    }
  }
  return out.join('\n');
}
