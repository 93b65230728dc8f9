const { Testing } = require('cdktf');

Testing.setupJest();

/*
 * Three costs of cdktf that a test run pays thousands of times and a user's app pays once, each cut here for tests only
 * (measured in bench part 6, `npm run bench -- --only=test-time`):
 *
 * 1. A resource adopted through an import block carries cdktf's Terraform version validation, which runs
 *    `terraform version` in a child process at every synthesis with validations. The answer does not change within a
 *    test file, so each distinct check runs once per file and its answer is reused. A missing or too old Terraform
 *    still fails the first synthesis that asks, with cdktf's own message.
 * 2. cdktf records a stack trace for every token it creates (each attribute reference), and formats it at once into
 *    strings. Nothing reads those traces unless a token fails to resolve, and formatting them, frame by frame, cost
 *    about a tenth of the suite's CPU time even without source maps. Here the frames are still captured, whole, but
 *    formatted only when something reads the trace: a failing test still shows every frame, mapped by Jest to
 *    TypeScript lines.
 */
const { ValidateBinaryVersion } = require('cdktf/lib/validations/validate-binary-version');

const versionAnswers = new Map();
const askVersion = ValidateBinaryVersion.prototype.validate;
ValidateBinaryVersion.prototype.validate = function validateOncePerFile() {
  const key = JSON.stringify([this.binary, this.versionConstraint, this.versionCommand, this.hint]);
  if (!versionAnswers.has(key)) versionAnswers.set(key, askVersion.call(this));
  return [...versionAnswers.get(key)];
};

/**
 * cdktf's (and constructs') stack capture: an array of frames like theirs ("at " removed), which V8 formats from the
 * frames it captured here only when the array is first read.
 */
function captureStackTrace(below) {
  const holder = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(holder, below || captureStackTrace);
  } finally {
    Error.stackTraceLimit = limit;
  }
  let frames;
  const formatted = () => (frames ??= String(holder.stack ?? '').split('\n').slice(1).map((line) => line.replace(/^\s*at\s+/, '')));
  return new Proxy([], {
    get(_target, key) {
      const array = formatted();
      const value = Reflect.get(array, key);
      return typeof value === 'function' ? value.bind(array) : value;
    },
    has: (_target, key) => Reflect.has(formatted(), key),
    ownKeys: () => Reflect.ownKeys(formatted()),
    getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(formatted(), key),
  });
}
require('cdktf/lib/tokens/private/stack-trace').captureStackTrace = captureStackTrace;
require('constructs/lib/private/stack-trace').captureStackTrace = captureStackTrace;

/*
 * 3. Testing.app() makes a new directory under the system's temporary folder for every app and never removes it:
 *    a run of this suite left tens of thousands of them, and a machine that had run it for a day held 800,000 in
 *    /tmp. Here each test file's apps get their directories inside one folder of its own, removed when the file ends.
 *    An app given an outdir keeps it.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

let appsFolder;
const testingApp = Testing.app.bind(Testing);
Testing.app = function appInThisFilesFolder(options = {}) {
  if (options.outdir) return testingApp(options);
  appsFolder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'vbdc-test-apps-'));
  return testingApp({ ...options, outdir: fs.mkdtempSync(path.join(appsFolder, 'app-')) });
};
// eslint-disable-next-line no-undef -- Jest's global in a setup file that runs after the environment is set up
afterAll(() => {
  if (appsFolder) fs.rmSync(appsFolder, { recursive: true, force: true });
  appsFolder = undefined;
});
