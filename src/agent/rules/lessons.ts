// Lessons the agent keeps for later conversations: one bullet each, under a "Lessons learned"
// heading of the rules file. Pure text work, so remember's decisions are tested in a table.

export const LESSONS_HEADING = '## Lessons learned';
/** Long enough for a fact and its reason; longer belongs in a proper section of AGENTS.md. */
export const MAX_LESSON_CHARS = 400;

/** The lesson as it is written: one line, single spaces, no bullet of its own. */
export function cleanLesson(lesson: string): string {
  return lesson.replace(/\s+/g, ' ').trim().replace(/^[-*]\s+/, '');
}

/** Why the lesson cannot be written as it is, or undefined when it can. */
export function lessonProblem(lesson: string, existing: string, file: string): string | undefined {
  const clean = cleanLesson(lesson);
  if (clean === '') return 'lesson is empty: give one short, durable lesson about this project.';
  if (clean.length > MAX_LESSON_CHARS) {
    return `lesson is ${clean.length} characters; keep it under ${MAX_LESSON_CHARS} (one fact and why, one lesson per call).`;
  }
  const wanted = comparable(clean);
  if (existing.split(/\r?\n/).some((line) => comparable(line) === wanted)) return `${file} already says this; nothing was written.`;
  return undefined;
}

/**
 * `text` with the lesson added as the last bullet under the lessons heading, which is added at
 * the end when missing. Line endings follow `eol`.
 */
export function appendLesson(text: string, lesson: string, eol: '\n' | '\r\n' = '\n'): string {
  const lines = text === '' ? [] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const bullet = `- ${cleanLesson(lesson)}`;
  const heading = lines.findIndex((line) => line.trim().toLowerCase() === LESSONS_HEADING.toLowerCase());
  if (heading < 0) {
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    if (lines.length > 0) lines.push('');
    lines.push(LESSONS_HEADING, '', bullet);
  } else {
    const next = lines.findIndex((line, i) => i > heading && /^#{1,2}\s/.test(line));
    const sectionEnd = next < 0 ? lines.length : next;
    // After the section's last line, before the blank lines that separate it from the next heading.
    let end = sectionEnd;
    while (end > heading + 1 && lines[end - 1].trim() === '') end--;
    const inserted = end === heading + 1 ? ['', bullet] : [bullet];
    if (next >= 0) inserted.push('');
    lines.splice(end, sectionEnd - end, ...inserted);
  }
  return lines.join(eol) + eol;
}

/** Case, spacing, a bullet and a final full stop do not make a lesson new. */
function comparable(line: string): string {
  return cleanLesson(line).toLowerCase().replace(/[.!]+$/, '');
}
