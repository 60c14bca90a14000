#include "showafterpaint.h"

#include <QEvent>
#include <QWidget>

namespace vigil {

namespace {

// Lives as a child of the widget to show, so that it goes if that widget goes first.
class PaintWatch : public QObject {
  public:
    PaintWatch(QWidget* hidden, QWidget* painted) : QObject(hidden), m_hidden(hidden), m_painted(painted) {
        painted->installEventFilter(this);
    }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_painted && event->type() == QEvent::Paint) {
            m_painted->removeEventFilter(this);
            // Queued: shown inside the paint, it would be laid out and painted in the same event.
            QMetaObject::invokeMethod(
                m_hidden, [hidden = m_hidden] { hidden->show(); }, Qt::QueuedConnection);
            deleteLater();
        }
        return false;
    }

  private:
    QWidget* m_hidden;
    QWidget* m_painted; // only compared with: once destroyed, it sends this watch no events
};

} // namespace

void showAfterPaintOf(QWidget* hidden, QWidget* painted) {
    hidden->hide();
    new PaintWatch(hidden, painted);
}

} // namespace vigil
