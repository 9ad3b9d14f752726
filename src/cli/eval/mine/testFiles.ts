// Which changed files are tests and which are the code they test, judged by path alone, across
// the common layouts: test folders, *.test.* and *.spec.* files, Python's test_*.py and *_test.py,
// Go's *_test.go, Java's *Test.java.
const TEST_PATH = [
  /(?:^|\/)(?:tests?|__tests__|spec|specs)\//,
  /\.(?:test|spec)\.[^/]+$/,
  /(?:^|\/)test_[^/]*\.py$/,
  /_test\.(?:py|go|rb|exs?)$/,
  /(?:^|\/)[^/]+Tests?\.(?:java|kt|cs|swift)$/,
];

/** Prose and bookkeeping a commit may touch without changing what the code does. */
const NOT_SOURCE = [/\.(?:md|markdown|txt|rst|adoc)$/i, /(?:^|\/)(?:LICENSE|CHANGELOG|AUTHORS)[^/]*$/i, /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Cargo\.lock|go\.sum)$/, /(?:^|\/)\.(?:github|vscode|ouro)\//];

export function isTestFile(path: string): boolean {
  return TEST_PATH.some((pattern) => pattern.test(path));
}

export function isSourceFile(path: string): boolean {
  return !isTestFile(path) && !NOT_SOURCE.some((pattern) => pattern.test(path));
}
