#include "chartsdocks.h"

#include "showafterpaint.h"

#include "charts/chartspanel.h"
#include "charts/endpointdock.h"
#include "charts/volumechart.h"

#include <QChart>
#include <QDockWidget>
#include <QLegend>
#include <QMainWindow>
#include <QMenu>
#include <QScrollArea>
#include <QVBoxLayout>

namespace vigil {

ChartsDocks::ChartsDocks(QMainWindow* window, QVBoxLayout* volumeSlot, int volumeIndex)
    : QObject(window), m_window(window), m_volumeSlot(volumeSlot), m_volumeIndex(volumeIndex) {
    m_chartsDock = new QDockWidget(tr("Charts"), window);
    m_chartsDock->setObjectName(QStringLiteral("chartsDock"));
    m_chartsDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    // The charts scroll inside their dock rather than making the window as tall and wide as
    // they would like (451×530 px of axes and legends).
    m_scroll = new QScrollArea(m_chartsDock);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setMinimumSize(120, 120);
    m_chartsDock->setWidget(m_scroll);
    window->addDockWidget(Qt::RightDockWidgetArea, m_chartsDock);
}

void ChartsDocks::tabifyEndpoints() {
    // A tab beside the alert list, wherever that is, so the table keeps its room.
    QDockWidget* list = m_listDock;
    if (!list)
        for (QDockWidget* other : m_window->findChildren<QDockWidget*>())
            if (other != m_endpointDock && other != m_chartsDock &&
                m_window->dockWidgetArea(other) == Qt::BottomDockWidgetArea)
                list = other;
    if (!list || !m_endpointDock) return;
    m_endpointDock->setFloating(false);
    m_window->addDockWidget(m_window->dockWidgetArea(list), m_endpointDock);
    m_window->tabifyDockWidget(list, m_endpointDock);
    list->raise();
}

void ChartsDocks::placeDocks(QDockWidget* alertList) {
    m_listDock = alertList;
    // Below a 900 px tall window the lists share the right side with the charts, as tabs:
    // at the bottom they left the log table two rows on a 1366×768 laptop.
    const bool compact = m_window->height() < 900;
    m_chartsDock->setFloating(false);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_chartsDock);
    m_chartsDock->show();
    alertList->setFloating(false);
    alertList->show();
    if (compact) {
        m_window->tabifyDockWidget(m_chartsDock, alertList);
    } else {
        m_window->addDockWidget(Qt::BottomDockWidgetArea, alertList);
        m_window->resizeDocks({alertList}, {std::min(170, m_window->height() / 5)}, Qt::Vertical);
    }
    if (m_endpointDock) m_endpointDock->show();
    tabifyEndpoints();
    m_chartsDock->raise();
    // A third of the window at most: the table keeps most of the width.
    m_window->resizeDocks({m_chartsDock}, {std::min(560, m_window->width() / 3)}, Qt::Horizontal);
}

void ChartsDocks::detach() {
    if (m_endpointDock) m_endpointsVisible = m_endpointDock->isVisible();
    // The dock shows the panel's endpoint model and the volume chart is fed by the panel:
    // both go before the panel they depend on.
    delete m_endpointDock;
    delete m_volume;
    delete m_panel;
}

void ChartsDocks::attach(const EntryStore& store, const MetricsModel& metrics, EndpointTableModel& endpoints,
                         const LogTableModel* table, const AlertEngine* alerts) {
    detach();
    m_panel = new ChartsPanel(store, metrics, endpoints, m_chartsDock);
    m_panel->setThresholds(m_thresholds);
    m_panel->setVolumeRows(table);
    m_panel->setAlerts(alerts);
    m_scroll->setWidget(m_panel);
    showAfterPaintOf(m_panel, m_scroll->viewport());

    m_volume = m_panel->detachVolumeChart();
    // A strip above the table, as log viewers show it: no title, the level key at the side,
    // so the bars get the height.
    m_volume->chart()->setTitle(QString());
    m_volume->chart()->legend()->setAlignment(Qt::AlignRight);
    m_volume->chart()->setMargins(QMargins(2, 0, 2, 0));
    // Up to 120 px, less on a short screen: the table needs the height more.
    m_volume->setMinimumHeight(56);
    m_volume->setMaximumHeight(120);
    m_volume->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_volumeSlot->insertWidget(m_volumeIndex, m_volume);

    m_endpointDock = m_panel->createEndpointDock(m_window);
    m_endpointDock->setObjectName(QStringLiteral("endpointDock"));
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_endpointDock);
    tabifyEndpoints();
    m_endpointDock->setVisible(m_endpointsVisible);
    // The menu item follows the dock however it is shown or hidden (its close button, a
    // restored layout, Reset layout).
    connect(m_endpointDock->toggleViewAction(), &QAction::toggled, this, [this](bool on) {
        m_endpointsVisible = on;
        if (!m_endpointsAction) return;
        const QSignalBlocker blocker(m_endpointsAction);
        m_endpointsAction->setChecked(on);
    });

    connect(m_panel, &ChartsPanel::timeRangeSelected, this, &ChartsDocks::timeRangeSelected);
    connect(m_panel, &ChartsPanel::instanceClicked, this, &ChartsDocks::instanceClicked);
}

void ChartsDocks::setThresholds(const ChartThresholds& thresholds) {
    m_thresholds = thresholds;
    if (m_panel) m_panel->setThresholds(thresholds);
}

void ChartsDocks::addMenuActions(QMenu* menu) {
    menu->addAction(m_chartsDock->toggleViewAction());
    QAction* endpoints = m_endpointsAction = menu->addAction(tr("Endpoints"));
    endpoints->setCheckable(true);
    endpoints->setChecked(m_endpointsVisible);
    connect(endpoints, &QAction::toggled, this, [this](bool on) {
        if (m_endpointDock) m_endpointDock->setVisible(on);
    });
}

} // namespace vigil
