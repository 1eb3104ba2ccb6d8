import { RingingCallPopups } from '../popup/components/RingingCallPopups.js';
import { MainWindow } from './components/MainWindow.js';

/**
 * The main window's content. In the browser host there is no popup window, so the incoming
 * call popup is shown at the top of the page instead (outside the dialer's keyboard area).
 */
export function MainApp({ defaultServerUrl, withPopupOverlay }: { defaultServerUrl: string; withPopupOverlay: boolean }) {
  return (
    <>
      {withPopupOverlay && (
        <div className="popup-overlay" data-testid="popup-overlay">
          <RingingCallPopups />
        </div>
      )}
      <MainWindow defaultServerUrl={defaultServerUrl} />
    </>
  );
}
