require('cdktf').Testing.setupJest();

/*
 * Two costs of cdktf that a test run pays thousands of times and a user's app pays once, each cut here for tests only
 * (measured in bench part 6, `npm run bench -- --only=test-time`):
 *
 * 1. A resource adopted through an import block carries cdktf's Terraform version validation, which runs
 *    `terraform version` in a child process at every synthesis with validations. The answer does not change within a
 *    test file, so each distinct check runs once per file and its answer is reused. A missing or too old Terraform
 *    still fails the first synthesis that asks, with cdktf's own message.
 * 2. cdktf records a stack trace for every token it creates (each attribute reference), by capturing into a plain
 *    object. Jest formats every such trace through its source-map support, frame by frame, although nothing reads
 *    those traces unless a token fails to resolve. Here they are captured as Node.js writes frames without source
 *    maps (what a user's app records); errors keep Jest's source-mapped stacks, so a failing test still points at
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

/** cdktf's (and constructs') stack capture, with each frame written as V8 writes it without source maps. */
function captureStackTrace(below) {
  const holder = {};
  let frames;
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_holder, callSites) => callSites.map((site) => String(site));
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.captureStackTrace(holder, below || captureStackTrace);
    frames = holder.stack; // V8 formats on first read, so it is read while the formatter above is in place
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
  return Array.isArray(frames) ? frames : [];
}
require('cdktf/lib/tokens/private/stack-trace').captureStackTrace = captureStackTrace;
require('constructs/lib/private/stack-trace').captureStackTrace = captureStackTrace;
