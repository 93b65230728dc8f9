import { field, isExact, ORGANIZATION_CLAIMS, RoleBinding, SubjectPattern } from '../bindings';
import { Finding, ReportRule } from './types';

/** The organization a subject pattern pins, or undefined when it lets any organization in. */
export function anchoredOrganization(subject: SubjectPattern): string | undefined {
  if (subject.shape && subject.shape.labels[0] === 'organization') {
    const org = field(subject.shape, 'organization');
    // A partial glob such as "acme*" still names an organization; glob-crosses-boundary reports it.
    if (org.kind === 'partial') return org.value;
    return org.kind === 'literal' && (subject.shape.labels.length > 1 || subject.shape.open) ? org.value : undefined;
  }
  const match = /^organization:([^:]+):/.exec(subject.pattern);
  return match && match[1] !== '*' ? match[1] : undefined;
}

function organizationClaimBound(binding: RoleBinding): boolean {
  return ORGANIZATION_CLAIMS.some((claim) => {
    const values = binding.otherClaims[claim];
    return values !== undefined && isExact(binding, values) && !values.includes('');
  });
}

/** Tokens of every HCP Terraform organization reach a role that does not pin one. */
export const roleNotOrgAnchored: ReportRule = {
  id: 'role-not-org-anchored',
  severity: 'error',
  title: 'JWT role not anchored to an organization',
  explanation:
    'A role whose sub alternatives do not start with "organization:<org>:" and that binds no exact organization ' +
    'claim admits tokens of any HCP Terraform organization.',
  fix: 'Start every sub pattern with "organization:<your organization>:", or bind terraform_organization_id or terraform_organization_name exactly.',
  stages: ['report'],
  check: (model) =>
    model.bindings.flatMap((binding): Finding[] => {
      if (binding.symbolic.length > 0 || organizationClaimBound(binding)) return [];
      const subject = binding.role.block.address;
      if (binding.subjects.length === 0) {
        return [
          {
            rule: 'role-not-org-anchored',
            severity: 'error',
            subject,
            message:
              'the role binds neither sub nor an organization claim, so a token from any HCP Terraform organization with the right audience logs in; ' +
              'bind sub = "organization:<org>:project:<project>:workspace:<workspace>:run_phase:<phase>"',
          },
        ];
      }
      return binding.subjects
        .filter((s) => anchoredOrganization(s) === undefined)
        .map((s) => ({
          rule: 'role-not-org-anchored',
          severity: 'error' as const,
          subject,
          message:
            `${s.source} alternative "${s.pattern}" does not start with "organization:<org>:", so tokens of other organizations ` +
            'can match it; anchor it to your organization',
        }));
    }),
};
