/**
 * `--format markdown`: the trust report as a pull-request comment. Per stack: the counts, the matrix as a table,
 * errors and warnings as a list, and the roles, notes and acknowledged findings in collapsible `<details>` blocks.
 */
import { Finding } from './rules/types';
import { credentialLabel, emptyMatrixText, loginLabel, roleLabel } from './render';
import { StackReport } from './stacks';

/** Text for a Markdown table cell or list item: nothing in it becomes markup, a pipe, HTML or a line break. */
export function markdownText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#])/g, '\\$1');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findingItem(finding: Finding): string {
  const ack = finding.acknowledged;
  const acknowledged = ack ? ` — acknowledged at ${markdownText(ack.scope)}: ${markdownText(ack.reason)}` : '';
  return `- **${finding.severity}** \`${finding.rule}\` ${markdownText(finding.subject)}: ${markdownText(finding.message)}${acknowledged}`;
}

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function stackSection({ name, report }: StackReport): string[] {
  const { error, warning, info } = report.counts;
  const acknowledged = report.acknowledgedCount ?? 0;
  const lines = [`### Stack ${markdownText(name)}`, ''];
  lines.push(`${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'note')}, ${acknowledged} acknowledged`, '');
  if (report.rows.length === 0) {
    lines.push(emptyMatrixText(report), '');
  } else {
    lines.push('| selector | phase | configuration | Vault role | login | credentials |', '| --- | --- | --- | --- | --- | --- |');
    for (const row of report.rows) {
      const credentials = row.credentials.map(credentialLabel).join('; ') || '-';
      const cells = [row.selector.label, row.phase, row.vaultTag ?? 'default', roleLabel(row), loginLabel(row), credentials];
      lines.push(`| ${cells.map(markdownText).join(' | ')} |`);
    }
    lines.push('');
  }
  const open = report.findings.filter((f) => !f.acknowledged && f.severity !== 'info');
  if (open.length > 0) lines.push('#### Findings', '', ...open.map(findingItem), '');
  else lines.push('No errors or warnings.', '');
  if (report.roles.length > 0) {
    const table = ['| Vault role | admits | phases | can read | audit log carries |', '| --- | --- | --- | --- | --- |'];
    for (const role of report.roles) {
      const cells = [
        `${role.name} (${role.namespace === '' ? 'root' : role.namespace}: auth/${role.authPath})`,
        role.admits.join(' AND ') || '(no binding)',
        role.phases.join(', ') || '-',
        role.readable.join(', ') || '-',
        role.audited.join(', ') || 'role name only (no claim_mappings)',
      ];
      table.push(`| ${cells.map(markdownText).join(' | ')} |`);
    }
    lines.push(...details(`Vault roles (${report.roles.length})`, table));
  }
  const notes = report.findings.filter((f) => !f.acknowledged && f.severity === 'info');
  if (notes.length > 0) lines.push(...details(`Notes (${notes.length})`, notes.map(findingItem)));
  const acknowledgedFindings = report.findings.filter((f) => f.acknowledged);
  const suppressed = (report.acknowledgements ?? []).flatMap((r) =>
    r.suppressed.map(
      (w) => `- \`${r.rule}\` synthesis warning at ${markdownText(w.path)}: ${markdownText(w.message)} — acknowledged: ${markdownText(r.reason)}`,
    ),
  );
  if (acknowledgedFindings.length + suppressed.length > 0) {
    lines.push(...details(`Acknowledged (${acknowledgedFindings.length + suppressed.length})`, [...acknowledgedFindings.map(findingItem), ...suppressed]));
  }
  return lines;
}

/** One stack's section of the Markdown comment (see {@link assembleMarkdown}). */
export function markdownPiece(stack: StackReport): string {
  return stackSection(stack).join('\n');
}

/** The Markdown comment from the stacks' sections ({@link markdownPiece}) and their counts. */
export function assembleMarkdown(pieces: readonly string[], counts: ReadonlyArray<Readonly<Record<'error' | 'warning' | 'info', number>>>): string {
  const total = { error: 0, warning: 0, info: 0 };
  for (const c of counts) for (const s of ['error', 'warning', 'info'] as const) total[s] += c[s];
  const lines = ['## Vault-backed credentials: trust report', ''];
  lines.push(`${plural(pieces.length, 'stack')}: ${plural(total.error, 'error')}, ${plural(total.warning, 'warning')}, ${plural(total.info, 'note')}`, '');
  // A section is never empty (it starts with its heading), so joining the sections joins their lines.
  return [...lines, ...pieces].join('\n');
}

/** The report of the stacks as one Markdown comment. */
export function renderMarkdown(stacks: readonly StackReport[]): string {
  return assembleMarkdown(stacks.map(markdownPiece), stacks.map(({ report }) => report.counts));
}
