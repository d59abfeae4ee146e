// What the views share: the stream, the latest state the server sent, and a few app-wide requests
// (open a card, show a tab, search the card list) with change notices between views.
import type { SearchCriteria } from './filters.ts';
import type { LiveStream } from './stream.ts';
import type { ClockView, FleetSummary, RunView } from './types.ts';

export type TabName = 'fleet' | 'cards' | 'exports';

/** Change notices: `cards` (an action changed cards), `exports` (an export started or was deleted). */
export type Change = 'cards' | 'exports';

export interface AppState {
  run: RunView | undefined;
  clock: ClockView | undefined;
  summary: FleetSummary | undefined;
}

export interface App {
  readonly stream: LiveStream;
  readonly state: AppState;
  openCard(iccid: string): void;
  showTab(tab: TabName): void;
  /** Show the card list with this search. */
  searchCards(criteria: SearchCriteria): void;
  /** The card list's search in force (for "export what I see"). */
  currentSearch(): { criteria: SearchCriteria; total: number | undefined };
  changed(change: Change): void;
  onChange(listener: (change: Change) => void): void;
  /** Whether a tab is the one shown (views skip work while hidden). */
  isShown(tab: TabName): boolean;
  onShow(tab: TabName, listener: () => void): void;
}
