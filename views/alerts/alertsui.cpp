#include "alertsui.h"

#include "alertbanner.h"
#include "alertlistpanel.h"
#include "alertpresenter.h"
#include "rulesdialog.h"

#include "models/workspace.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSystemTrayIcon>

namespace vigil {

AlertsUi::AlertsUi(QMainWindow* window, RulesSource& rules)
    : QObject(window), m_window(window), m_rules(rules) {
    m_banner = new AlertBanner(window);
    m_presenter = new AlertPresenter(m_banner, this);
    m_list = new AlertListPanel(*m_presenter, window);
    m_dock = new QDockWidget(tr("Alerts"), window);
    m_dock->setObjectName(QStringLiteral("alertsDock"));
    m_dock->setWidget(m_list);
    // A short or narrow screen gives the log table the room first.
    m_list->setMinimumSize(120, 48);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);

    connect(&m_rules, &RulesSource::problemsChanged, this, &AlertsUi::showRulesProblems);
    auto applyRules = [this] {
        m_presenter->actions().setSettings(m_rules.document().actions);
        if (m_workspace) m_workspace->setAlertRules(m_rules.document().rules);
    };
    connect(&m_rules, &RulesSource::rulesChanged, this, applyRules);
    applyRules();
    showRulesProblems(m_rules.problems());

    connect(m_list, &AlertListPanel::showEntriesRequested, this, &AlertsUi::showEntriesRequested);
    connect(m_list, &AlertListPanel::rulesRequested, this, &AlertsUi::editRules);
    auto showAlert = [this](std::uint64_t id) {
        const Alert* a = engine() ? engine()->find(id) : nullptr;
        if (!a) return;
        m_dock->show();
        m_list->selectAlert(id);
        qint64 from = 0, to = 0;
        alertEntryRange(*a, from, to);
        Q_EMIT showEntriesRequested(a->instance, from, to);
    };
    connect(m_presenter, &AlertPresenter::showEntriesRequested, this, showAlert);
    connect(m_presenter, &AlertPresenter::listRequested, m_dock, &QWidget::show);
    connect(m_presenter, &AlertPresenter::showWindowRequested, this, [this] {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    });
    connect(m_presenter, &AlertPresenter::quitRequested, this, &AlertsUi::quitRequested);
}

void AlertsUi::attach(Workspace* workspace) {
    for (const QMetaObject::Connection& c : m_workspaceConnections)
        disconnect(c);
    m_workspaceConnections.clear();
    m_workspace = workspace;
    m_presenter->setAnnouncing(true);
    if (workspace) {
        workspace->setAlertRules(m_rules.document().rules);
        AlertMonitor* monitor = &workspace->alertMonitor();
        m_workspaceConnections << connect(monitor, &AlertMonitor::catchUpStarted, this,
                                          [this] { m_presenter->setAnnouncing(false); });
        m_workspaceConnections << connect(monitor, &AlertMonitor::catchUpFinished, this,
                                          [this] { m_presenter->setAnnouncing(true); });
    }
    m_presenter->setEngine(workspace ? &workspace->alerts() : nullptr);
    m_list->setModel(workspace ? &workspace->alertList() : nullptr);
}

AlertEngine* AlertsUi::engine() const {
    return m_workspace ? &m_workspace->alerts() : nullptr;
}

AlertsUi::~AlertsUi() {
    // The presenter reads the workspace's engine: it lets go of it. The list goes with its
    // dock (which the window may have deleted already).
    m_presenter->setEngine(nullptr);
    delete m_dock.data();
    delete m_banner.data();
}

void AlertsUi::addMenuActions(QMenu* menu) {
    QAction* toggle = m_dock->toggleViewAction();
    toggle->setText(tr("&Alerts"));
    menu->addAction(toggle);
    menu->addAction(tr("Alert &rules…"), this, &AlertsUi::editRules);
}

bool AlertsUi::keepsRunningInTray() const {
    return m_presenter->trayAvailable();
}

void AlertsUi::editRules() {
    RulesDialog dialog(m_rules.document(), m_rules.path(), m_window);
    if (dialog.exec() != QDialog::Accepted) return;
    // The dialog saved the file: reading it back keeps one path for every change.
    m_rules.load(m_rules.path());
}

void AlertsUi::showRulesProblems(const QStringList& problems) {
    if (problems.isEmpty()) {
        if (m_banner->alertId() == 0) m_banner->clearAlert();
        return;
    }
    m_banner->showMessage(tr("The rules file has problems; the last good rules stay in force:\n%1")
                              .arg(problems.join(QLatin1Char('\n'))),
                          Severity::Warning);
}

} // namespace vigil
