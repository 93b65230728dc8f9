import { explain } from '../../packages/report/src/explain';
import { renderMarkdown } from '../../packages/report/src/markdown';
import { renderMermaid, renderTable } from '../../packages/report/src/render';
import { parseMermaid, reachable } from './mermaid-parser';
import { fixture, HASHICORP_VARIABLES, soundApp, soundWith, synthesizedExample } from './support';
import { objectAt } from '../support/synth';

describe('the Mermaid parser used by these tests', () => {
  test.each([
    ['no header', 'a["x"]:::c\nclassDef c fill:#fff'],
    ['an undeclared node', 'flowchart LR\na["x"]:::c\na -->|y| b\nclassDef c fill:#fff'],
    ['an undefined class', 'flowchart LR\na["x"]:::nope\nclassDef c fill:#fff'],
    ['an unquoted label', 'flowchart LR\na[x]:::c\nclassDef c fill:#fff'],
    ['a quote inside a label', 'flowchart LR\na["x"y"]:::c\nclassDef c fill:#fff'],
    ['a keyword as id', 'flowchart LR\nend["x"]:::c\nclassDef c fill:#fff'],
    ['a duplicate node', 'flowchart LR\na["x"]:::c\na["y"]:::c\nclassDef c fill:#fff'],
  ])('rejects %s', (_label, text) => {
    expect(() => parseMermaid(text)).toThrow();
  });
});

describe('Mermaid output', () => {
  const label = (graph: ReturnType<typeof parseMermaid>, id: string) => graph.nodes.get(id)!.label;
  const idOf = (graph: ReturnType<typeof parseMermaid>, text: string) => [...graph.nodes].find(([, n]) => n.label === text)?.[0];

  test('the sound setup: each phase reaches exactly its credential through its role and policy', () => {
    const graph = parseMermaid(renderMermaid(explain(soundApp())));
    expect(graph.direction).toBe('LR');
    const selector = idOf(graph, 'workspace app-prod (project Apps)')!;
    const planEdge = graph.edges.find((e) => e.from === selector && e.label === 'plan')!;
    expect(label(graph, planEdge.to)).toBe('app-plan in ops');
    const fromPlan = [...reachable(graph, planEdge.to)].map((id) => label(graph, id));
    expect(fromPlan).toEqual(expect.arrayContaining(['policy app-plan', 'policy default (built-in)', 'aws/sts/app-read']));
    expect(fromPlan).not.toContain('aws/sts/app-deploy');
    const applyEdge = graph.edges.find((e) => e.from === selector && e.label === 'apply')!;
    expect([...reachable(graph, applyEdge.to)].map((id) => label(graph, id))).toContain('aws/sts/app-deploy');
  });

  test('a refused phase is a dotted edge, and a role that does not exist is a node of its own', () => {
    const graph = parseMermaid(renderMermaid(explain(soundWith((j) => {
      j.resource.vault_jwt_auth_backend_role.apply.role_type = 'oidc';
      j.resource.tfe_variable.plan_role.value = 'missing-role';
    }))));
    const dotted = graph.edges.filter((e) => e.dotted).map((e) => `${e.label} -> ${label(graph, e.to)}`).sort();
    expect(dotted).toEqual(['apply refused -> app-apply in ops', 'plan fails -> missing-role (not found)']);
    expect(graph.nodes.get(graph.edges.find((e) => e.label === 'plan fails')!.to)!.klass).toBe('refused');
  });

  test('quotes in labels are escaped so the graph still parses', () => {
    const json = soundWith((j) => (j.resource.tfe_workspace.app_prod.name = 'app"prod'));
    const graph = parseMermaid(renderMermaid(explain(json)));
    expect([...graph.nodes.values()].map((n) => n.label)).toContain('workspace app"prod (project Apps)');
  });

  test.each(['vault-backed-aws.json', 'vault-backed-gcp.json', 'vault-backed-azure.json'])('HashiCorp %s renders a well-formed graph', (file) => {
    const graph = parseMermaid(renderMermaid(explain(fixture(`hashicorp-examples/${file}`), { variables: HASHICORP_VARIABLES })));
    expect(graph.edges.length).toBeGreaterThan(0);
  });

  test('the example app: every selector reaches only credentials of its own grant', () => {
    const graph = parseMermaid(renderMermaid(explain(synthesizedExample().json)));
    const selectors = [...graph.nodes].filter(([, n]) => n.klass === 'selector');
    expect(selectors.length).toBeGreaterThanOrEqual(3);
    for (const [id, node] of selectors) {
      const credentials = [...reachable(graph, id, (e) => !e.dotted)]
        .map((n) => graph.nodes.get(n)!)
        .filter((n) => n.klass === 'credential')
        .map((n) => n.label);
      expect(credentials.length).toBeGreaterThan(0);
      if (node.label.startsWith('workspace network-')) expect(credentials.sort()).toEqual(['aws/sts/network-admin', 'aws/sts/network-read-only']);
      if (node.label.startsWith('project Sandbox')) expect(credentials).toEqual(['aws/sts/sandbox']);
    }
  });
});

describe('table output', () => {
  test('names the selector, phase, role, login, policies and credential in one row', () => {
    const text = renderTable(explain(soundApp(), { source: 'sound/app.json' }));
    expect(text).toContain('# Trust report for sound/app.json');
    expect(text).toContain(
      '| workspace app-prod (project Apps) | plan | default | app-plan (ops: auth/jwt) | admitted | app-plan, default | aws aws/sts/app-read: allowed |',
    );
    expect(text).toContain('## Findings: 0 errors, 0 warnings, 0 notes');
  });

  test('escapes pipes inside cells', () => {
    const text = renderTable(
      explain(
        soundWith(
          (j) =>
            (objectAt(j.resource.vault_jwt_auth_backend_role.plan, 'bound_claims').sub += ',organization:acme:project:Apps:workspace:app-stage:run_phase:plan'),
        ),
      ),
    );
    const row = text.split('\n').find((l) => l.startsWith('| app-plan (ops: auth/jwt)'))!;
    expect(row).toContain('run_phase:plan \\| organization:acme');
    expect(row.split(/(?<!\\)\|/).length).toBe(9);
  });

  test('the role table says which run facts an audit log line of each role carries', () => {
    const cells = (text: string, role: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(`| ${role} (ops: auth/jwt)`))!
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
    const mapped = renderTable(
      explain(
        soundWith((j) => {
          j.resource.vault_jwt_auth_backend_role.plan.claim_mappings = {
            terraform_run_id: 'run_id',
            terraform_workspace_name: 'workspace_name',
            terraform_run_phase: 'run_phase',
          };
        }),
      ),
    );
    expect(mapped).toContain('| audit log carries |');
    expect(cells(mapped, 'app-plan')[7]).toBe('run id (run_id), workspace name (workspace_name), phase (run_phase)');
    expect(cells(mapped, 'app-apply')[7]).toBe('role name only (no claim_mappings)');
    const comment = renderMarkdown([
      { name: 'app', report: explain(soundWith((j) => (j.resource.vault_jwt_auth_backend_role.plan.claim_mappings = { sub: 'subject' }))) },
    ]);
    expect(comment).toContain('| can read | audit log carries |');
    expect(comment.split('\n').find((l) => l.startsWith('| app-plan (ops: auth/jwt)'))).toMatch(/\| subject \(subject\) \|$/);
  });

  test('the example app: every role it synthesizes carries the run id and phase in its audit metadata', () => {
    const report = explain(synthesizedExample().json);
    expect(report.roles.length).toBeGreaterThan(0);
    for (const role of report.roles) {
      expect([role.name, role.audited]).toEqual([role.name, expect.arrayContaining(['run id (run_id)', 'phase (run_phase)'])]);
    }
  });

  test('findings are listed most serious first with their rule', () => {
    const text = renderTable(explain(soundWith((j) => {
      delete j.resource.vault_jwt_auth_backend_role.plan.role_type;
      delete objectAt(j.resource.vault_jwt_auth_backend_role.apply, 'bound_claims').terraform_workspace_id;
    })));
    const findings = text.split('\n').filter((l) => l.startsWith('- **'));
    expect(findings.map((l) => /^- \*\*(\w+)\*\* `([\w-]+)`/.exec(l)!.slice(1).join(' '))).toEqual([
      'error phase-cannot-log-in',
      'error role-type-not-jwt',
      'warning name-only-binding',
    ]);
  });
});
