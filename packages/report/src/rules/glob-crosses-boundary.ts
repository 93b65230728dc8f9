import { field } from '../bindings';
import { Finding, ReportRule } from './types';

/**
 * A `*` inside the organization or project segment of a glob `sub` (`organization:acme*`, `project:Net*`) also
 * matches other organizations or projects whose names merely start (or end) the same way.
 */
export const globCrossesBoundary: ReportRule = {
  id: 'glob-crosses-boundary',
  severity: 'error',
  title: 'Glob inside an organization or project name',
  explanation:
    'A "*" inside the organization or project segment of a glob sub ("organization:acme*") also matches other ' +
    'organizations or projects whose names start or end the same way.',
  fix: 'Write the organization and project names exactly and end each segment with ":"; use wildcards only for whole segments.',
  stages: ['report'],
  check: (model) =>
    model.bindings.flatMap((binding) =>
      binding.subjects.flatMap((subject): Finding[] => {
        if (!subject.glob) return [];
        const where = binding.role.block.address;
        const shape = subject.shape;
        const org = shape ? field(shape, 'organization') : undefined;
        const orgToken = /^organization:([^:]*)/.exec(subject.pattern)?.[1];
        const orgWildcard = !shape && orgToken !== undefined && orgToken.includes('*') && orgToken !== '*' ? orgToken : undefined;
        const orgValue = org?.kind === 'partial' ? org.value : orgWildcard;
        if (orgValue !== undefined) {
          return [
            {
              rule: 'glob-crosses-boundary',
              severity: 'error',
              subject: where,
              message:
                `sub pattern "${subject.pattern}" puts "*" inside the organization name ("${orgValue}"), which also matches other ` +
                `organizations (e.g. "${orgValue.replace(/\*/g, '')}-evil"); write the organization exactly and end the segment with ":"`,
            },
          ];
        }
        const project = shape ? field(shape, 'project') : undefined;
        if (project?.kind === 'partial') {
          return [
            {
              rule: 'glob-crosses-boundary',
              severity: 'error',
              subject: where,
              message:
                `sub pattern "${subject.pattern}" puts "*" inside the project name ("${project.value}"), which also matches other ` +
                'projects whose names start or end the same way; name the project exactly',
            },
          ];
        }
        return [];
      }),
    ),
};
