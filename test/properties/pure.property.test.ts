import * as fc from 'fast-check';
import { parse } from '@cdktf/hcl2json';
import { globMatch } from '../../packages/report/src/claims/glob';
import { splitProviderBoundClaimValue } from '../../packages/report/src/claims/login';
import { organizationNameProblem, projectNameProblem, vaultNameProblem, workspaceNameProblem } from '../../packages/report/src/claims/names';
import { parseWorkspaceRunSubject, renderWorkspaceRunSubject } from '../../packages/report/src/claims/subject';
import { renderBoundClaims, WorkspaceSelector } from '../../lib/workspace-selector';
import { PolicyDocument, policyPathProblem, VaultCapability } from '../../packages/report/src/policy/document';
import { parsePolicy } from '../../packages/report/src/policy/parse';
import { CaseCounter, hostile, legalName, legalProject, nameInput } from './arbitraries';

const counter = new CaseCounter();
afterAll(() => {
  console.log(counter.report('pure.property.test.ts'));
});

/**
 * Under `npm run mutate` (Stryker's worker processes set STRYKER_MUTATOR_WORKER) each property runs a fifth of its
 * cases, and a failure ends the property without shrinking: they run again for every mutant they cover, and a
 * shrinking run can outlast Stryker's timeout. Plain jest runs them all and shrinks.
 */
const MUTATION_RUN = process.env.STRYKER_MUTATOR_WORKER !== undefined;
function cases(numRuns: number): number {
  return MUTATION_RUN ? Math.ceil(numRuns / 5) : numRuns;
}

function run<T>(label: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns: number): void {
  fc.assert(fc.property(arb, predicate), { numRuns: cases(numRuns), seed: 20261126, endOnFailure: MUTATION_RUN });
  counter.add(label, cases(numRuns));
}

const phase = fc.constantFrom('plan', 'apply');

describe('names that pass validation can neither widen nor break a subject', () => {
  test('an accepted organization, project or workspace name holds no glob, separator, comma or control character', () => {
    run('accepted-names', fc.tuple(nameInput(legalName()), nameInput(legalProject), nameInput(legalName())), ([org, project, ws]) => {
      for (const [value, problem] of [[org, organizationNameProblem(org)], [project, projectNameProblem(project)], [ws, workspaceNameProblem(ws)]] as const) {
        if (problem === undefined) {
          expect(value).not.toMatch(/[*,:\n\r\t"\\{}$%]/);
          expect(value.trim()).toBe(value);
          expect(value.length).toBeGreaterThan(0);
        } else {
          expect(problem).toContain(JSON.stringify(value));
        }
      }
    }, 600);
  });

  test('an exact subject pattern admits exactly one run: equal organization, project, workspace and phase', () => {
    const tuple = fc.tuple(legalName(), legalProject, legalName(), phase);
    run('exact-subject', fc.tuple(tuple, tuple, fc.boolean()), ([a, b, same]) => {
      const [org, project, ws, ph] = a;
      const [org2, project2, ws2, ph2] = same ? a : b;
      const pattern = renderWorkspaceRunSubject({ organization: org, project, workspace: ws, runPhase: ph });
      const sub = renderWorkspaceRunSubject({ organization: org2, project: project2, workspace: ws2, runPhase: ph2 });
      const equal = org === org2 && project === project2 && ws === ws2 && ph === ph2;
      expect(globMatch(pattern, sub)).toBe(equal);
      expect(parseWorkspaceRunSubject(sub)).toEqual({ organization: org2, project: project2, workspace: ws2, runPhase: ph2 });
    }, 500);
  });

  test('a project-wide pattern admits every workspace of that project and phase, and nothing across a boundary', () => {
    const tuple = fc.tuple(legalName(), legalProject, legalName(), phase);
    run('project-wide-subject', fc.tuple(tuple, tuple), ([[org, project, , ph], [org2, project2, ws2, ph2]]) => {
      const { claims, claimsType } = renderBoundClaims(org, project, WorkspaceSelector.allInProject(), [ph]);
      expect(claimsType).toBe('glob');
      const sub = renderWorkspaceRunSubject({ organization: org2, project: project2, workspace: ws2, runPhase: ph2 });
      expect(globMatch(claims.sub, sub)).toBe(org === org2 && project === project2 && ph === ph2);
    }, 500);
  });

  test('the provider comma split of a multi-workspace bound claim yields exactly the intended subjects', () => {
    run(
      'comma-split',
      fc.tuple(legalName(), legalProject, fc.uniqueArray(legalName(), { minLength: 1, maxLength: 6 }), fc.subarray(['plan', 'apply'], { minLength: 1 })),
      ([org, project, names, phases]) => {
        const selector = WorkspaceSelector.names(...names);
        const { claims, claimsType } = renderBoundClaims(org, project, selector, phases);
        expect(claimsType).toBe('string');
        const values = splitProviderBoundClaimValue(claims.sub);
        const expected = [...names]
          .sort()
          .flatMap((ws) => phases.map((p) => renderWorkspaceRunSubject({ organization: org, project, workspace: ws, runPhase: p })));
        expect(values).toEqual(expected);
      },
      400,
    );
  });
});

describe('policy rendering cannot be injected', () => {
  test('a path either fails validation or renders to a document that parses back to exactly that rule', () => {
    const segment = fc.stringOf(fc.constantFrom(...'abz09_-.'.split('')), { minLength: 1, maxLength: 8 });
    const path = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
      hostile,
      fc.tuple(segment, hostile, segment).map(([a, h, b]) => `${a}/${h}${b}`),
    );
    run('policy-path', path, (p) => {
      const problem = policyPathProblem(p);
      const doc = new PolicyDocument().addRule(p, ['read']);
      if (problem !== undefined) {
        expect(doc.validate().length).toBeGreaterThan(0);
        expect(() => doc.render()).toThrow();
        return;
      }
      const parsed = parsePolicy(doc.render());
      expect(parsed.rules).toHaveLength(1);
      expect(parsed.rules[0].path).toBe(p);
      expect(parsed.rules[0].capabilities).toEqual(['read']);
    }, 600);
  });

  test('rendered documents parse with the real HCL parser to exactly the intended path blocks', async () => {
    const segment = fc.stringOf(fc.constantFrom(...'abcXYZ019_-.'.split('')), { minLength: 1, maxLength: 10 });
    const rule = fc.tuple(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
      fc.subarray<VaultCapability>(['read', 'list', 'update', 'create'], { minLength: 1 }),
    );
    const numRuns = cases(150);
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { minLength: 1, maxLength: 5 }), async (rules) => {
        const doc = new PolicyDocument();
        for (const [p, caps] of rules) doc.addRule(p, caps);
        if (doc.validate().length > 0) return;
        const parsed = await parse('policy.hcl', doc.render());
        expect(Object.keys(parsed)).toEqual(['path']);
        const expected = new Map<string, Set<string>>();
        for (const [p, caps] of rules) expected.set(p, new Set([...(expected.get(p) ?? []), ...caps]));
        expect(Object.keys(parsed.path).sort()).toEqual([...expected.keys()].sort());
        for (const [p, caps] of expected) {
          expect(parsed.path[p]).toHaveLength(1);
          expect(Object.keys(parsed.path[p][0])).toEqual(['capabilities']);
          expect([...parsed.path[p][0].capabilities].sort()).toEqual([...caps].sort());
        }
      }),
      { numRuns, seed: 20261126, endOnFailure: MUTATION_RUN },
    );
    counter.add('policy-hcl2json', numRuns);
  });

  test('Vault names accepted for paths contain nothing a policy path or HCL string would interpret', () => {
    run('vault-names', fc.tuple(fc.constantFrom('mount path', 'role name', 'policy name'), nameInput(legalName())), ([kind, value]) => {
      if (vaultNameProblem(kind, value) === undefined) {
        expect(value).toMatch(/^[A-Za-z0-9_.\-/]+$/);
        expect(policyPathProblem(`${value}/sts/x`)).toBeUndefined();
      }
    }, 300);
  });
});
