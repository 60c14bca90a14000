#include "alertlistpanel.h"

#include "alerticons.h"
#include "alertpresenter.h"

#include "models/alertlistmodel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace vigil {

namespace {
// Paints the state column with the severity icon and colour; the model stays Qt Core.
class SeverityDecoration : public QIdentityProxyModel {
  public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex& index, int role) const override {
        if (index.column() == AlertListModel::ColState && role == Qt::DecorationRole)
            return severityIcon(
                Severity(QIdentityProxyModel::data(index, AlertListModel::SeverityRole).toInt()));
        if (role == Qt::ForegroundRole &&
            !QIdentityProxyModel::data(index, AlertListModel::ActiveRole).toBool())
            return QColor(Qt::gray);
        return QIdentityProxyModel::data(index, role);
    }
};
} // namespace

void alertEntryRange(const Alert& a, qint64& fromUs, qint64& toUs) {
    fromUs = a.rangeFromUs();
    toUs =
        a.active() ? std::max<qint64>(a.raisedUs, QDateTime::currentMSecsSinceEpoch() * 1000) : a.resolvedUs;
}

AlertListPanel::AlertListPanel(AlertPresenter& presenter, QWidget* parent)
    : QWidget(parent), m_presenter(presenter) {
    setObjectName(QStringLiteral("alertList"));
    m_proxy = new SeverityDecoration(this);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Fitted to the rows in view, not to every row: the history holds up to 5,000 alerts,
    // and measuring a thousand of them on every value change of an active one took the
    // thread that paints 10-20 ms each time.
    m_view->horizontalHeader()->setResizeContentsPrecision(0);
    m_view->setWordWrap(false);
    m_ack = new QPushButton(tr("Acknowledge"), this);
    m_snooze15 = new QPushButton(tr("Snooze 15 min"), this);
    m_snooze60 = new QPushButton(tr("Snooze 1 h"), this);
    m_rules = new QPushButton(tr("Rules…"), this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_ack, m_snooze15, m_snooze60})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_rules);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_ack, &QPushButton::clicked, this, [this] {
        if (engine()) engine()->acknowledge(currentId());
    });
    auto snooze = [this](qint64 ms) {
        if (const Alert* a = engine() ? engine()->find(currentId()) : nullptr)
            m_presenter.snoozeAlert(*a, ms);
    };
    connect(m_snooze15, &QPushButton::clicked, this, [snooze] { snooze(15 * 60 * 1000); });
    connect(m_snooze60, &QPushButton::clicked, this, [snooze] { snooze(60 * 60 * 1000); });
    connect(m_rules, &QPushButton::clicked, this, &AlertListPanel::rulesRequested);
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        const Alert* a = m_model ? m_model->alertAt(index.row()) : nullptr;
        if (!a) return;
        qint64 from = 0, to = 0;
        alertEntryRange(*a, from, to);
        Q_EMIT showEntriesRequested(a->instance, from, to);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AlertListPanel::updateButtons);
    updateButtons();
}

void AlertListPanel::setModel(AlertListModel* model) {
    disconnect(m_modelReset);
    m_model = model;
    m_proxy->setSourceModel(model);
    if (model)
        m_modelReset = connect(model, &QAbstractItemModel::modelReset, this, &AlertListPanel::updateButtons);
    updateButtons();
}

AlertEngine* AlertListPanel::engine() const {
    return m_model ? &m_model->engine() : nullptr;
}

std::uint64_t AlertListPanel::currentId() const {
    const QModelIndex current = m_view->currentIndex();
    const Alert* a = current.isValid() && m_model ? m_model->alertAt(current.row()) : nullptr;
    return a ? a->id : 0;
}

void AlertListPanel::selectAlert(std::uint64_t id) {
    if (!m_model) return;
    m_model->refresh();
    const int row = m_model->rowOf(id);
    if (row >= 0) m_view->selectRow(row);
}

void AlertListPanel::updateButtons() {
    const Alert* a = engine() ? engine()->find(currentId()) : nullptr;
    m_ack->setEnabled(a && a->active() && !a->acknowledged);
    m_snooze15->setEnabled(a != nullptr);
    m_snooze60->setEnabled(a != nullptr);
}

} // namespace vigil
