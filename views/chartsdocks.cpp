#include "chartsdocks.h"

#include "charts/chartspanel.h"
#include "charts/endpointdock.h"
#include "charts/volumechart.h"

#include <QChart>
#include <QDockWidget>
#include <QLegend>
#include <QMainWindow>
#include <QMenu>
#include <QVBoxLayout>

namespace vigil {

ChartsDocks::ChartsDocks(QMainWindow* window, QVBoxLayout* volumeSlot, int volumeIndex)
    : QObject(window), m_window(window), m_volumeSlot(volumeSlot), m_volumeIndex(volumeIndex) {
    m_chartsDock = new QDockWidget(tr("Charts"), window);
    m_chartsDock->setObjectName(QStringLiteral("chartsDock"));
    m_chartsDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    window->addDockWidget(Qt::RightDockWidgetArea, m_chartsDock);
}

void ChartsDocks::detach() {
    if (m_endpointDock) m_endpointsVisible = m_endpointDock->isVisible();
    // The dock shows the panel's endpoint model and the volume chart is fed by the panel:
    // both go before the panel they depend on.
    delete m_endpointDock;
    delete m_volume;
    delete m_panel;
}

void ChartsDocks::attach(const EntryStore& store, const MetricsModel& metrics, const LogTableModel* table,
                         const AlertEngine* alerts) {
    detach();
    m_panel = new ChartsPanel(store, metrics, m_chartsDock);
    m_panel->setThresholds(m_thresholds);
    m_panel->setVolumeRows(table);
    m_panel->setAlerts(alerts);
    m_chartsDock->setWidget(m_panel);

    m_volume = m_panel->detachVolumeChart();
    // A strip above the table, as log viewers show it: no title, the level key at the side,
    // so the bars get the height.
    m_volume->chart()->setTitle(QString());
    m_volume->chart()->legend()->setAlignment(Qt::AlignRight);
    m_volume->chart()->setMargins(QMargins(2, 0, 2, 0));
    m_volume->setFixedHeight(150);
    m_volumeSlot->insertWidget(m_volumeIndex, m_volume);

    m_endpointDock = m_panel->createEndpointDock(m_window);
    m_endpointDock->setObjectName(QStringLiteral("endpointDock"));
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_endpointDock);
    // Beside the other bottom dock (the alert list) as a tab, so the table keeps its height.
    for (QDockWidget* other : m_window->findChildren<QDockWidget*>())
        if (other != m_endpointDock && other != m_chartsDock && m_window->dockWidgetArea(other) == Qt::BottomDockWidgetArea) {
            m_window->tabifyDockWidget(other, m_endpointDock);
            other->raise();
            break;
        }
    if (!m_sized) { // a first layout that leaves the log table most of the height
        m_sized = true;
        m_window->resizeDocks({m_endpointDock}, {170}, Qt::Vertical);
        m_window->resizeDocks({m_chartsDock}, {560}, Qt::Horizontal);
    }
    m_endpointDock->setVisible(m_endpointsVisible);

    connect(m_panel, &ChartsPanel::timeRangeSelected, this, &ChartsDocks::timeRangeSelected);
    connect(m_panel, &ChartsPanel::instanceClicked, this, &ChartsDocks::instanceClicked);
}

void ChartsDocks::setThresholds(const ChartThresholds& thresholds) {
    m_thresholds = thresholds;
    if (m_panel) m_panel->setThresholds(thresholds);
}

void ChartsDocks::addMenuActions(QMenu* menu) {
    menu->addAction(m_chartsDock->toggleViewAction());
    QAction* endpoints = menu->addAction(tr("Endpoints"));
    endpoints->setCheckable(true);
    endpoints->setChecked(true);
    connect(endpoints, &QAction::toggled, this, [this](bool on) {
        if (m_endpointDock) m_endpointDock->setVisible(on);
    });
}

} // namespace vigil
