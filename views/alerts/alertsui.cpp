#include "alertsui.h"

#include "alertbanner.h"
#include "alertlistpanel.h"
#include "alertpresenter.h"
#include "rulesdialog.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSystemTrayIcon>

namespace vigil {

AlertsUi::AlertsUi(QMainWindow* window, const QString& rulesPath) : QObject(window), m_window(window) {
    m_monitor = new AlertMonitor(this);
    m_banner = new AlertBanner(window);
    m_presenter = new AlertPresenter(m_monitor->engine(), m_banner, this);
    m_list = new AlertListPanel(m_monitor->engine(), *m_presenter, window);
    m_dock = new QDockWidget(tr("Alerts"), window);
    m_dock->setObjectName(QStringLiteral("alertsDock"));
    m_dock->setWidget(m_list);
    // A short or narrow screen gives the log table the room first.
    m_list->setMinimumSize(120, 48);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);

    connect(m_monitor, &AlertMonitor::rulesProblemsChanged, this, &AlertsUi::showRulesProblems);
    connect(m_monitor, &AlertMonitor::rulesChanged, this,
            [this] { m_presenter->actions().setSettings(m_monitor->document().actions); });
    m_monitor->loadRules(rulesPath);

    connect(m_list, &AlertListPanel::showEntriesRequested, this, &AlertsUi::showEntriesRequested);
    connect(m_list, &AlertListPanel::rulesRequested, this, &AlertsUi::editRules);
    auto showAlert = [this](std::uint64_t id) {
        const Alert* a = m_monitor->engine().find(id);
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
    connect(m_monitor, &AlertMonitor::catchUpStarted, this, [this] { m_presenter->setAnnouncing(false); });
    connect(m_monitor, &AlertMonitor::catchUpFinished, this, [this] { m_presenter->setAnnouncing(true); });
}

AlertsUi::~AlertsUi() {
    // The window deletes its children in creation order, this object first: the list and
    // the banner read the engine, so they go before it does.
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
    RulesDialog dialog(m_monitor->document(), m_monitor->rulesPath(), m_window);
    if (dialog.exec() != QDialog::Accepted) return;
    // The dialog saved the file: reading it back keeps one path for every change.
    m_monitor->loadRules(m_monitor->rulesPath());
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
