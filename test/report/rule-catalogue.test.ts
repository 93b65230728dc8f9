/** The rule catalogue against the report: every finding the report can emit has an entry, and no entry lies about it. */
import * as fs from 'fs';
import * as path from 'path';
import { explain } from '../../packages/report/src/explain';
import { RULE_CATALOGUE, RULES, ruleEntry, ruleIds, warningPrefix, warningRuleId } from '../../packages/report/src/rules';
import { fixture, FIXTURES, HASHICORP_VARIABLES, synthesizedExample } from './support';

describe('rule catalogue', () => {
  test('ids are unique, lower-case words joined by "-", and each entry says what, why and how to fix', () => {
    expect(new Set(ruleIds()).size).toBe(RULE_CATALOGUE.length);
    for (const entry of RULE_CATALOGUE) {
      expect(entry.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(entry.severity);
      expect(entry.stages.length).toBeGreaterThan(0);
      for (const text of [entry.title, entry.explanation, entry.fix]) expect(text.trim().length).toBeGreaterThan(10);
      expect(warningRuleId(warningPrefix(entry.id) + 'x')).toBe(entry.id);
    }
  });

  test('one registry, one file per rule: rules/<id>.ts defines the rule <id>, and the catalogue lists every such file', () => {
    const dir = path.join(__dirname, '..', '..', 'packages', 'report', 'src', 'rules');
    const helpers = ['index.ts', 'types.ts', 'token-lifetimes.ts'];
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !helpers.includes(f));
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(ruleIds().sort());
    const catalogued: readonly unknown[] = RULE_CATALOGUE;
    for (const file of files) {
      const loaded: Record<string, unknown> = jest.requireActual(path.join(dir, file));
      const ids = RULE_CATALOGUE.filter((rule) => Object.values(loaded).includes(rule)).map((rule) => rule.id);
      expect({ file, ids }).toEqual({ file, ids: [file.replace(/\.ts$/, '')] });
      expect(Object.values(loaded).filter((value) => catalogued.includes(value))).toHaveLength(1);
    }
  });

  test('a rule has a check exactly when the report checks it', () => {
    for (const rule of RULE_CATALOGUE) {
      expect({ id: rule.id, checked: rule.check !== undefined }).toEqual({ id: rule.id, checked: rule.stages.includes('report') });
    }
  });

  test('every rule the report runs has an entry marked "report", and every such entry is a rule the report runs', () => {
    const reportRules = RULES.map((r) => r.id).sort();
    expect(reportRules.length).toBeGreaterThan(10);
    for (const id of reportRules) expect({ id, stages: ruleEntry(id)?.stages }).toEqual({ id, stages: expect.arrayContaining(['report']) });
    expect(RULE_CATALOGUE.filter((e) => e.stages.includes('report')).map((e) => e.id).sort()).toEqual(reportRules);
  });

  test('every finding the report makes on the fixtures and the example is of a catalogued report rule', () => {
    const inputs = [
      ...['broken', 'sound', 'hashicorp-examples'].flatMap((dir) =>
        fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.json')).map((f) => fixture(path.join(dir, f))),
      ),
      synthesizedExample().json,
    ];
    const seen = new Set<string>();
    for (const json of inputs) {
      for (const finding of explain(json, { variables: HASHICORP_VARIABLES }).findings) {
        expect({ rule: finding.rule, stages: ruleEntry(finding.rule)?.stages }).toEqual({ rule: finding.rule, stages: expect.arrayContaining(['report']) });
        seen.add(finding.rule);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  test('warningRuleId reads only a leading bracketed id', () => {
    expect(warningRuleId('[plan-apply-shared] plan runs ...')).toBe('plan-apply-shared');
    expect(warningRuleId('plan runs [plan-apply-shared] ...')).toBeUndefined();
    expect(warningRuleId('[Plan Apply] x')).toBeUndefined();
    expect(warningRuleId('[plan-apply-shared]x')).toBeUndefined();
  });
});
