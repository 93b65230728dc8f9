import { field } from '../bindings';
import { Finding, Rule } from './types';

/**
 * A `*` inside the organization or project segment of a glob `sub` (`organization:acme*`, `project:Net*`) also
 * matches other organizations or projects whose names merely start (or end) the same way.
 */
export const globCrossesBoundary: Rule = {
  id: 'glob-crosses-boundary',
  description: 'A glob sub whose organization or project segment is a partial wildcard, so it also matches other organizations or projects.',
  check: (model) =>
    model.bindings.flatMap((binding) =>
      binding.subjects.flatMap((subject): Finding[] => {
        if (!subject.glob) return [];
        const where = binding.role.block.address;
        const shape = subject.shape;
        const org = shape ? field(shape, 'organization') : undefined;
        const orgToken = /^organization:([^:]*)/.exec(subject.pattern)?.[1];
        const orgValue = org?.kind === 'partial' ? org.value : !shape && orgToken !== undefined && orgToken.includes('*') && orgToken !== '*' ? orgToken : undefined;
        if (orgValue !== undefined) {
          return [
            {
              rule: 'glob-crosses-boundary',
              severity: 'error',
              subject: where,
              message: `sub pattern "${subject.pattern}" puts "*" inside the organization name ("${orgValue}"), which also matches other organizations (e.g. "${orgValue.replace(/\*/g, '')}-evil"); write the organization exactly and end the segment with ":"`,
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
              message: `sub pattern "${subject.pattern}" puts "*" inside the project name ("${project.value}"), which also matches other projects whose names start or end the same way; name the project exactly`,
            },
          ];
        }
        return [];
      }),
    ),
};
