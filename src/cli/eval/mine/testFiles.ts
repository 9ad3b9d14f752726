// Which changed files are tests and which are the code they test, judged by path alone, across
// the common layouts: test folders, *.test.* and *.spec.* files, Python's test_*.py and *_test.py,
// Go's *_test.go, Java's *Test.java.
const TEST_FOLDER = /(?:^|\/)(?:tests?|__tests__|spec|specs)\//;
/** Named as a test file, not only kept in a test folder (where helpers and fixtures live too). */
const TEST_NAME = [
  /\.(?:test|spec)\.[^/]+$/,
  /(?:^|\/)test_[^/]*\.py$/,
  /_test\.(?:py|go|rb|exs?)$/,
  /(?:^|\/)[^/]+Tests?\.(?:java|kt|cs|swift)$/,
];
const CODE = /\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kt|cs|swift|php|exs?)$/;

/** Prose and bookkeeping a commit may touch without changing what the code does. */
const NOT_SOURCE = [/\.(?:md|markdown|txt|rst|adoc)$/i, /(?:^|\/)(?:LICENSE|CHANGELOG|AUTHORS)[^/]*$/i, /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Cargo\.lock|go\.sum)$/, /(?:^|\/)\.(?:github|vscode|ouro)\//];

export function isTestFile(path: string): boolean {
  return TEST_FOLDER.test(path) || TEST_NAME.some((pattern) => pattern.test(path));
}

/**
 * The test files a runner should be given: those named as tests, else the code files among them
 * (not fixtures or data); none means the whole test command.
 */
export function runnableTests(tests: readonly string[]): string[] {
  const named = tests.filter((path) => TEST_NAME.some((pattern) => pattern.test(path)));
  return named.length > 0 ? named : tests.filter((path) => CODE.test(path));
}

export function isSourceFile(path: string): boolean {
  return !isTestFile(path) && !NOT_SOURCE.some((pattern) => pattern.test(path));
}
