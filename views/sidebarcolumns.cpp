#include "sidebarcolumns.h"

#include "models/instancemodel.h"

#include <QEvent>
#include <QTreeView>

namespace vigil {

SidebarColumns::SidebarColumns(QTreeView* sidebar) : QObject(sidebar), m_sidebar(sidebar) {
    sidebar->installEventFilter(this);
}

void SidebarColumns::fit() {
    if (!m_sidebar->model()) return;
    // Room for a readable name ("octollm-orchestrator") before any count is shown.
    const int name = m_sidebar->fontMetrics().horizontalAdvance(QStringLiteral("octollm-orch…")) + 60;
    const int count = m_sidebar->fontMetrics().horizontalAdvance(QStringLiteral("000000")) + 16;
    const int width = m_sidebar->viewport()->width();
    m_sidebar->setColumnHidden(InstanceModel::EntriesColumn, width < name + 2 * count);
    m_sidebar->setColumnHidden(InstanceModel::ErrorsColumn, width < name + count);
}

bool SidebarColumns::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_sidebar && event->type() == QEvent::Resize) fit();
    return QObject::eventFilter(watched, event);
}

} // namespace vigil
