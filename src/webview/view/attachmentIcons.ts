// The icon of an attachment chip, in the input and in the messages sent: what the editor knows
// (@problems, @changes, @terminal, @url) by its mention, else a file or a folder.
import type { IconName } from '../icons';

const MENTION_ICONS: Record<string, IconName | undefined> = { '@problems': 'warning', '@changes': 'diff', '@terminal': 'terminal', '@url': 'globe' };

export function attachmentIcon(label: string, folder = false): IconName {
  return MENTION_ICONS[label.split(' ')[0]] ?? (folder ? 'folder' : 'file');
}
