import * as fs from 'fs';
import * as path from 'path';
import { structProperties } from './support/jsii-assembly';
import { NOT_VALIDATED, VALIDATED_IN } from './support/validated-props';

/**
 * Every public prop (each property of each jsii struct in `.jsii`) is either refused, when bad, by a row of a
 * construct's refusal table, or needs no check of this library, with the reason. Which rows refuse what is checked
 * where the rows run: refusalTable compares each table's rows with VALIDATED_IN; this file keeps the two lists
 * complete and makes sure each listed table is registered with refusalTable, so its check runs.
 */
const root = path.resolve(__dirname, '..');
const validated = Object.entries(VALIDATED_IN).flatMap(([file, props]) => props.map((prop) => ({ file, prop })));

describe('validated props (test/support/validated-props.ts)', () => {
  test('every struct property of .jsii is listed once, as validated in a table or with a reason, and nothing else is', () => {
    const properties = structProperties();
    expect(properties.length).toBeGreaterThan(200);
    const listed = [...validated.map((v) => v.prop), ...Object.keys(NOT_VALIDATED)];
    expect({ missing: properties.filter((p) => !listed.includes(p)) }).toEqual({ missing: [] });
    expect({ stale: listed.filter((p) => !properties.includes(p)) }).toEqual({ stale: [] });
    expect({ twice: listed.filter((p, i) => listed.indexOf(p) !== i) }).toEqual({ twice: [] });
  });

  test.each(Object.keys(VALIDATED_IN))('%s registers its refusal table, whose rows are checked against the list', (file) => {
    const full = path.join(root, file);
    expect({ file, testFile: /^test\/.+\.test\.ts$/.test(file) && fs.existsSync(full) }).toEqual({ file, testFile: true });
    expect({ file, registers: /\brefusalTable\(/.test(fs.readFileSync(full, 'utf8')) }).toEqual({ file, registers: true });
  });

  test.each(Object.entries(NOT_VALIDATED))('the reason given for %s is a sentence', (key, reason) => {
    const problems = [
      reason.trim().split(/\s+/).length < 5 ? 'fewer than five words' : undefined,
      /^[A-Z]/.test(reason) ? undefined : 'does not start with a capital letter',
      /\.$/.test(reason) ? undefined : 'does not end with a full stop',
      /\b(TODO|TBD|FIXME|XXX)\b/.test(reason) ? 'is a placeholder' : undefined,
    ].filter((p): p is string => p !== undefined);
    expect({ key, problems }).toEqual({ key, problems: [] });
  });

  test('most props are validated: reasons are the exception', () => {
    expect(validated.length).toBeGreaterThan(2 * Object.keys(NOT_VALIDATED).length);
  });
});
