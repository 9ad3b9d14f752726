// The chat webview's entry: folds host messages into the state and redraws at most once per
// animation frame, however fast the deltas arrive.
import { closeHistory, initialChatState, reduce, type ChatState } from './chatState';
import { post, onHostMessage, loadState, saveState } from './vscodeApi';
import { ChangedFiles } from './view/changedFiles';
import { Composer } from './view/composer';
import { HistoryList } from './view/historyList';
import { ContextMeter } from './view/contextMeter';
import { McpServerList } from './view/mcpServerList';
import { MessageList } from './view/messageList';
import { ModeSwitch } from './view/modeSwitch';
import { PlanPanel } from './view/planPanel';
import { SlashPicker } from './view/slashPicker';
import { MentionPicker } from './view/mentionPicker';
import { TryMenu } from './view/tryMenu';
import { acceptDroppedFiles } from './view/droppedFiles';
import { handleTranscriptClick, handleTranscriptKey } from './view/transcriptActions';
import { SessionList } from './view/sessionList';

interface SavedState {
  chat: ChatState;
  draft: string;
}

const saved = loadState<SavedState>();
let state: ChatState = saved.chat ?? initialChatState();
let draft = saved.draft ?? '';

// The editor's tab size, from the page: set through the CSSOM, which the CSP allows (no inline style).
document.documentElement.style.setProperty('--tab-size', document.body.dataset.tabSize ?? '4');

const messages = document.getElementById('messages')!;
const list = new MessageList(messages);
const plan = new PlanPanel(document.getElementById('plan')!);
const composer = new Composer(
  (value) => {
    draft = value;
    schedulePersist();
  },
  () => scheduleRender(),
);
// Words typed while the script loaded are kept; a saved draft fills an empty input only.
if (draft && !composer.prompt.value) composer.prompt.value = draft;
const modeSwitch = new ModeSwitch();
const slashPicker = new SlashPicker(composer.prompt, () => composer.submit());
const mentionPicker = new MentionPicker(composer.prompt);
const tryMenu = new TryMenu(composer.prompt, () => composer.submit());
const meter = new ContextMeter();
const changedFiles = new ChangedFiles();
const mcpServers = new McpServerList();
list.onShowEarlier = () => scheduleRender();
const history = new HistoryList();
const sessionList = new SessionList((switched) => {
  if (switched) list.reset();
  scheduleRender();
});
history.onClose = () => {
  state = closeHistory(state);
  scheduleRender();
  composer.prompt.focus();
};

let frame = 0;
function scheduleRender(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    // The chat, or the worktree session the session list shows in its place.
    const shown = sessionList.shown(state);
    list.render(shown);
    plan.render(shown);
    composer.render(shown);
    modeSwitch.render(state);
    slashPicker.render(state);
    mentionPicker.render(state);
    history.render(state);
    sessionList.render(state);
    meter.render(state, composer.imageTokens);
    changedFiles.render(state);
    mcpServers.render(state);
  });
}

// Saved when a turn ends and when the draft settles, never per streamed chunk.
let persistTimer: ReturnType<typeof setTimeout> | undefined;
function schedulePersist(): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => saveState<SavedState>({ chat: state, draft }), 400);
}

onHostMessage((message) => {
  if (sessionList.receive(message)) return;
  const wasBusy = state.busy;
  state = reduce(state, message);
  if (message.type === 'snapshot') {
    list.reset();
    schedulePersist();
  }
  if (message.type === 'focusInput') composer.prompt.focus();
  if (message.type === 'queuedBack') composer.putBack(message.text);
  if (message.type === 'tryAvailability') tryMenu.available(message.reason, message.detail);
  if (wasBusy && !state.busy) schedulePersist();
  scheduleRender();
});

messages.addEventListener('click', handleTranscriptClick);
acceptDroppedFiles(document.body);
messages.addEventListener('keydown', handleTranscriptKey);

scheduleRender();
post({ type: 'ready' });
composer.prompt.focus();
