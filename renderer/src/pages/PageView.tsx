import type { PageId } from '../app/routes';
import { FinancePage } from './FinancePage';
import { InventoryPage } from './InventoryPage';
import { NodePage } from './NodePage';
import { OverviewPage } from './OverviewPage';
import { ReportsPage } from './ReportsPage';
import { RobotsPage } from './RobotsPage';
import { SettingsPage } from './SettingsPage';

/** Which component draws which route. */
export function PageView({ page, onShowShortcuts }: { page: PageId; onShowShortcuts(): void }) {
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'inventory':
      return <InventoryPage />;
    case 'robots':
      return <RobotsPage />;
    case 'node':
      return <NodePage />;
    case 'finance':
      return <FinancePage />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage onShowShortcuts={onShowShortcuts} />;
  }
}
