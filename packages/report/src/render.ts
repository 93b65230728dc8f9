/**
 * Renders a trust report as a Markdown table (readable in a terminal and in a pull-request comment) or as a
 * Mermaid `flowchart LR` of the chain: selector -> Vault role -> policy -> credential path.
 */
import { evaluateAcl } from './policy/acl';
import { TrustReport } from './explain';
import { CredentialCell, MatrixRow } from './model';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function namespaceLabel(namespace: string): string {
  return namespace === '' ? 'root' : namespace;
}

export function roleLabel(row: MatrixRow): string {
  if (row.role === undefined) return '(none)';
  return `${row.role} (${namespaceLabel(row.namespace)}: auth/${row.authPath})`;
}

export function loginLabel(row: MatrixRow): string {
  if (row.login === 'admitted') return row.condition ? `admitted ${row.condition}` : 'admitted';
  if (row.login === 'not attempted') return `not attempted: ${row.problems.join('; ')}`;
  return `${row.login}: ${row.reason ?? ''}`;
}

export function credentialLabel(c: CredentialCell): string {
  const what = `${c.cloud}${c.tag === undefined ? '' : `[${c.tag}]`} ${c.path ?? '(unknown path)'}`;
  const verdict = c.read === 'allowed' && c.problems.length > 0 ? 'allowed by policy, but fails' : c.read;
  return `${what}: ${verdict}`;
}

/**
 * What to say when the matrix is empty: "no one receives" only when every receiver was simulated and everything was
 * read; otherwise what was not simulated or not read.
 */
export function emptyMatrixText(report: TrustReport): string {
  const unsimulated = report.model.selectors.filter((s) => s.organization === undefined).map((s) => s.label);
  const unread = report.model.config.notes.length;
  if (unsimulated.length > 0) {
    const verb = unsimulated.length === 1 ? 'receives' : 'receive';
    return (
      `No run was simulated: ${unsimulated.join(', ')} ${verb} Vault dynamic-credential variables, ` +
      'but the organization is not known (see the unresolved notes).'
    );
  }
  if (unread > 0) {
    const parts = `${unread} part${unread === 1 ? ' was' : 's were'}`;
    return `No workspace, project or organization receives Vault dynamic-credential variables in what was read; ${parts} not read (see the unresolved notes).`;
  }
  return 'No workspace, project or organization receives Vault dynamic-credential variables in this configuration.';
}

/** The report as Markdown: the matrix, the roles, and the findings. */
export function renderTable(report: TrustReport): string {
  const lines: string[] = [];
  lines.push(`# Trust report${report.source ? ` for ${report.source}` : ''}`, '');
  lines.push('## Who can get which credentials', '');
  if (report.rows.length === 0) {
    lines.push(emptyMatrixText(report), '');
  } else {
    lines.push('| selector | phase | configuration | Vault role | login | policies | credentials |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of report.rows) {
      lines.push(
        `| ${[
          row.selector.label,
          row.phase,
          row.vaultTag ?? 'default',
          roleLabel(row),
          loginLabel(row),
          row.policies.join(', ') || '-',
          row.credentials.map(credentialLabel).join('; ') || '-',
        ]
          .map(cell)
          .join(' | ')} |`,
      );
    }
    lines.push('');
  }
  lines.push('## Vault roles', '');
  if (report.roles.length === 0) {
    const unread = report.model.config.notes.length > 0;
    lines.push(unread ? 'No Vault JWT roles in what was read (see the unresolved notes for what was not).' : 'No Vault JWT roles in this configuration.', '');
  } else {
    lines.push('| Vault role | admits (all must hold; `~` glob, `=` exact, `\\|` or) | phases | policies | can read | used by | audit log carries |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- |');
    for (const role of report.roles) {
      lines.push(
        `| ${[
          `${role.name} (${namespaceLabel(role.namespace)}: auth/${role.authPath})`,
          role.admits.join(' AND ') || '(no binding)',
          role.phases.join(', ') || '-',
          role.policies.join(', '),
          role.readable.join(', ') || '-',
          role.usedBy.join('; ') || '-',
          role.audited.join(', ') || 'role name only (no claim_mappings)',
        ]
          .map(cell)
          .join(' | ')} |`,
      );
    }
    lines.push('');
  }
  const { error, warning, info } = report.counts;
  const acknowledged = report.acknowledgedCount ?? 0;
  const counts = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'note')}`;
  lines.push(`## Findings: ${counts}${acknowledged > 0 ? `, ${acknowledged} acknowledged` : ''}`, '');
  for (const finding of report.findings) {
    const note = finding.acknowledged ? ` (acknowledged at ${finding.acknowledged.scope}: ${finding.acknowledged.reason})` : '';
    const severity = finding.acknowledged ? `acknowledged ${finding.severity}` : finding.severity;
    lines.push(`- **${severity}** \`${finding.rule}\` ${finding.subject}: ${finding.message}${note}`);
  }
  if (report.findings.length === 0) lines.push('None.');
  lines.push('');
  lines.push(...acknowledgementLines(report));
  return lines.join('\n');
}

/** `n` and the noun, plural unless `n` is 1: `2 errors`, `1 note`. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The acknowledgements a configuration records, with the synthesis warnings each kept quiet. */
export function acknowledgementLines(report: TrustReport): string[] {
  const records = report.acknowledgements ?? [];
  if (records.length === 0) return [];
  const lines = ['## Acknowledged rules', ''];
  for (const record of records) {
    const findings = report.findings.filter((f) => f.acknowledged?.scope === record.scope && f.rule === record.rule).length;
    const kept = `${plural(findings, 'finding')}, ${plural(record.suppressed.length, 'synthesis warning')}`;
    lines.push(`- \`${record.rule}\` at ${record.scope}: ${record.reason} (${kept})`);
    for (const warning of record.suppressed) lines.push(`  - warning at ${warning.path}: ${warning.message}`);
  }
  lines.push('');
  return lines;
}

/** Text Mermaid accepts as an unquoted edge label: no quotes, pipes, brackets or braces; `${x.id}` becomes `x.id`. */
function edgeText(text: string): string {
  return text
    .replace(/\$\{([^}]*)\}/g, '$1')
    .replace(/[^A-Za-z0-9 ._:/'*,+=@-]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Text Mermaid accepts inside a quoted label. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\r?\n/g, ' ');
}

/** The report as a Mermaid flowchart: selector -> role (per phase) -> policy -> credential path. */
export function renderMermaid(report: TrustReport): string {
  const lines = ['flowchart LR'];
  const ids = new Map<string, string>();
  const declare = (key: string, prefix: string, text: string, klass: string): string => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `${prefix}${ids.size}`;
      ids.set(key, id);
      lines.push(`  ${id}["${label(text)}"]:::${klass}`);
    }
    return id;
  };
  const edges = new Set<string>();
  const edge = (from: string, to: string, text: string, dashed = false): void => {
    const line = `  ${from} ${dashed ? '-.->' : '-->'}|${text}| ${to}`;
    if (!edges.has(line)) edges.add(line);
  };

  const model = report.model;
  for (const row of report.rows) {
    const selector = declare(`selector ${row.selector.id}`, 's', row.selector.label, 'selector');
    const phase = `${row.phase}${row.vaultTag === undefined ? '' : ` ${row.vaultTag}`}`;
    if (!row.roleAddress && row.login === 'unknown') {
      // The Vault side is not in this configuration: the role is managed elsewhere, and the login is not judged.
      const where = `${namespaceLabel(row.namespace)}: auth/${row.authPath}`;
      const external = declare(`external ${row.role} ${row.namespace} ${row.authPath}`, 'e', `${row.role} in ${where} (not in this configuration)`, 'external');
      edge(selector, external, `${phase} unknown`, true);
      continue;
    }
    if (!row.roleAddress) {
      const failed = declare(`failed ${row.role ?? '(no role)'} ${row.namespace}`, 'x', `${row.role ?? 'no Vault role'} (not found)`, 'refused');
      edge(selector, failed, `${phase} fails`, true);
      continue;
    }
    const summary = report.roles.find((r) => r.address === row.roleAddress);
    const role = declare(`role ${row.roleAddress}`, 'r', `${summary?.name ?? row.role} in ${namespaceLabel(row.namespace)}`, 'role');
    if (row.login === 'admitted' && row.condition !== undefined) {
      // Admitted on a condition the configuration does not state: dotted, with the condition on the edge.
      edge(selector, role, edgeText(`${phase} ${row.condition}`), true);
      continue;
    }
    edge(selector, role, row.login === 'admitted' ? phase : `${phase} ${row.login}`, row.login !== 'admitted');
  }
  for (const summary of report.roles) {
    const role = ids.get(`role ${summary.address}`);
    if (role === undefined) continue;
    const granted = model.rolePolicies.get(summary.address);
    granted?.policySources.forEach((source, i) => {
      const name = source === 'default' ? 'default (built-in)' : model.index.policies.find((p) => p.block.address === source)?.name;
      const policyName = name === undefined ? source : typeof name === 'string' ? name : 'literal' in name ? name.literal : name.symbol;
      const policy = declare(`policy ${summary.namespace} ${source}`, 'p', `policy ${policyName}`, 'policy');
      edge(role, policy, 'gets');
      for (const path of summary.readable) {
        if (evaluateAcl([granted.policies[i]], path, 'read').allowed) {
          const credential = declare(`path ${summary.namespace} ${path}`, 'c', path, 'credential');
          edge(policy, credential, 'read');
        }
      }
    });
  }
  lines.push(...edges);
  lines.push('  classDef selector fill:#eef,stroke:#446');
  lines.push('  classDef role fill:#efe,stroke:#464');
  lines.push('  classDef policy fill:#ffe,stroke:#664');
  lines.push('  classDef credential fill:#fee,stroke:#644');
  lines.push('  classDef refused fill:#fdd,stroke:#c00,stroke-dasharray: 4 2');
  lines.push('  classDef external fill:#eee,stroke:#888,stroke-dasharray: 4 2');
  return lines.join('\n') + '\n';
}
